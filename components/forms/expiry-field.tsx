"use client";

import { useTimeZone } from "@/components/layout/time-zone";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { zoneAbbreviation } from "@/lib/time-zone";

/** An expiry as a date and time in the viewer's zone (said under the field), or "Never". */
export function ExpiryField({
  id,
  value,
  never,
  error,
  onChange,
  onNeverChange,
}: {
  id: string;
  /** `<input type="datetime-local">` text, in the viewer's zone */
  value: string;
  never: boolean;
  error?: string;
  onChange: (value: string) => void;
  onNeverChange: (never: boolean) => void;
}) {
  const zone = useTimeZone();
  return (
    <div className="grid content-start gap-2">
      <FormField id={id} label="Expires" error={error} hint={`In your time zone, ${zone} (${zoneAbbreviation(zone)}).`}>
        <Input id={id} type="datetime-local" value={value} onChange={(e) => onChange(e.target.value)} disabled={never} />
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <Checkbox checked={never} onChange={(e) => onNeverChange(e.target.checked)} />
        Never
      </label>
    </div>
  );
}
