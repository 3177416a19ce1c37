import { z } from "zod";

// Messages written for people, for every check a schema does not word itself: the API answers them
// ("quota: Must be 0 or more") and the dashboard shows them under the field. Imported by every schema file.

const count = new Intl.NumberFormat("en-US");
const n = (x: number | bigint) => count.format(x);

const TYPE: Record<string, string> = {
  number: "Enter a number",
  int: "Enter a whole number",
  string: "Enter text",
  boolean: "Choose yes or no",
  array: "Enter a list",
  object: "Enter an object",
  date: "Enter a date",
};

const FORMAT: Record<string, string> = {
  email: "Enter a valid email address",
  datetime: "Enter a date and time, e.g. 2030-01-31T12:00:00Z",
  date: "Enter a date as YYYY-MM-DD",
  url: "Enter a URL",
  regex: "Contains characters that are not allowed",
};

/** The people-written message of a zod issue. */
export function peopleMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "Required";
      if (issue.expected === "number" && typeof issue.input === "number") return "Enter a number";
      return TYPE[issue.expected] ?? "Has the wrong type";
    case "too_small": {
      const min = issue.minimum as number | bigint;
      if (issue.origin === "string") return Number(min) <= 1 ? "Must not be empty" : `Use at least ${n(min)} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `List at least ${n(min)}`;
      return issue.inclusive === false ? `Must be more than ${n(min)}` : `Must be ${n(min)} or more`;
    }
    case "too_big": {
      const max = issue.maximum as number | bigint;
      if (issue.origin === "string") return `Use at most ${n(max)} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `List at most ${n(max)}`;
      return issue.inclusive === false ? `Must be less than ${n(max)}` : `Must be ${n(max)} or less`;
    }
    case "invalid_format":
      return FORMAT[issue.format] ?? "Has the wrong format";
    case "unrecognized_keys":
      return `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
    case "invalid_value":
      return `Must be one of: ${issue.values.map(String).join(", ")}`;
    case "not_multiple_of":
      return `Must be a multiple of ${issue.divisor}`;
    default:
      return "Not a valid value";
  }
}

z.config({ customError: (issue) => peopleMessage(issue) });
