import Link from "next/link";
import { CheckCircle2, Circle } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

type Step = { done: boolean; title: string; body: React.ReactNode };

/** What a new user does next: get credits, create a token, make a first call; shown until all three are done. */
export function NextSteps({ hasBalance, hasToken, hasUsage, isAdmin }: { hasBalance: boolean; hasToken: boolean; hasUsage: boolean; isAdmin: boolean }) {
  if (hasBalance && hasToken && hasUsage) return null;
  const steps: Step[] = [
    {
      done: hasBalance,
      title: "Add credits",
      body: isAdmin ? (
        <>
          Your balance is empty. Top up your own account on the{" "}
          <Link href="/dashboard/admin/users" className="font-medium underline underline-offset-4">
            Users
          </Link>{" "}
          page.
        </>
      ) : (
        <>
          Your balance is empty: every call is paid from it. Redeem a code on your{" "}
          <Link href="/dashboard/account" className="font-medium underline underline-offset-4">
            account page
          </Link>
          , or ask an admin to top it up.
        </>
      ),
    },
    {
      done: hasToken,
      title: "Create a token",
      body: (
        <>
          A token is the API key your applications send.{" "}
          <Link href="/dashboard/tokens?new=1" className="font-medium underline underline-offset-4">
            Create your first token
          </Link>
          .
        </>
      ),
    },
    { done: hasUsage, title: "Make a first call", body: "Use the base URL and a snippet below with your token as the API key." },
  ];
  return (
    <Card className="mb-6" data-testid="next-steps">
      <CardHeader>
        <CardTitle>Get started</CardTitle>
        <CardDescription>Three steps to your first request through the gateway.</CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-3 sm:grid-cols-3">
          {steps.map((s, i) => (
            <li key={s.title} className={cn("flex gap-2.5 rounded-lg border border-zinc-200 p-3", s.done && "opacity-60")}>
              {s.done ? <CheckCircle2 className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600" aria-hidden /> : <Circle className="mt-0.5 h-4 w-4 shrink-0 text-zinc-400" aria-hidden />}
              <div className="grid gap-1 text-sm">
                <p className="font-medium">
                  {i + 1}. {s.title}
                  {s.done ? <span className="sr-only"> (done)</span> : null}
                </p>
                <p className="text-zinc-500">{s.body}</p>
              </div>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
