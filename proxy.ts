import { NextResponse, type NextRequest } from "next/server";

// A visitor without a session cookie who opens a dashboard page goes to the sign-in page with the
// page as callbackUrl, so the link they followed still opens after signing in. The page itself checks
// the session for real (this only looks for the cookie); page components never see their own URL.
export function proxy(request: NextRequest) {
  const signedIn = request.cookies.getAll().some((c) => c.name.includes("next-auth.session-token"));
  if (signedIn) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/dashboard/:path*"] };
