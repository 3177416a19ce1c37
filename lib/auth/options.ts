import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getUserCredentials } from "@/lib/db/users";
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { loginSchema, TOO_MANY_ATTEMPTS } from "@/lib/validation/auth";
import { allowLoginAttempt } from "@/lib/auth/login-throttle";
import { CLIENT_IP_HEADER } from "@/lib/server/headers";

/** next-auth configuration: email + password, sessions as signed JWT cookies. */
export const authOptions: NextAuthOptions = {
  // lib/server sets NEXTAUTH_SECRET before Next starts (generated once when not configured).
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const clientIp = (req.headers?.[CLIENT_IP_HEADER] as string | undefined) ?? null;
        // Guessing passwords is slowed down per account and per address; next-auth shows the message.
        if (!(await allowLoginAttempt(parsed.data.email, clientIp))) throw new Error(TOO_MANY_ATTEMPTS);
        const user = await getUserCredentials(parsed.data.email);
        // Verify even when the user is unknown, so timing does not reveal which emails exist.
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), parsed.data.password);
        if (!user || !ok || user.status !== "active") return null;
        return { id: String(user.id) };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = Number(user.id);
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid as number };
    },
  },
};

// A hash of a random password, used only to spend the same time on unknown emails.
let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  return dummy;
}
