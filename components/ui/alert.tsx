import type { HTMLAttributes } from "react";
import { AlertTriangle, CheckCircle2, Info, XCircle } from "lucide-react";
import { cn } from "@/lib/utils";

const variants = {
  info: { box: "border-sky-200 bg-sky-50 text-sky-900", icon: Info },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-900", icon: CheckCircle2 },
  warning: { box: "border-amber-200 bg-amber-50 text-amber-900", icon: AlertTriangle },
  error: { box: "border-red-200 bg-red-50 text-red-900", icon: XCircle },
} as const;

/** An inline message; errors are announced (role="alert"), others politely (role="status"). */
export function Alert({
  variant = "info",
  title,
  className,
  children,
  ...props
}: HTMLAttributes<HTMLDivElement> & { variant?: keyof typeof variants; title?: string }) {
  const { box, icon: Icon } = variants[variant];
  return (
    <div
      role={variant === "error" ? "alert" : "status"}
      className={cn("flex gap-3 rounded-lg border p-3 text-sm", box, className)}
      {...props}
    >
      <Icon className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
      <div className="grid min-w-0 gap-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="min-w-0">{children}</div> : null}
      </div>
    </div>
  );
}
