/**
 * Exact non-negative rationals over BigInt, just enough for pricing. A float ratio is taken at the
 * value its shortest decimal text shows (`0.075` is 75/1000, not the nearest binary double), which
 * is what the operator typed, so `ceil` never lands one credit off because of binary drift.
 */

export interface Rational {
  n: bigint;
  d: bigint;
}

/** The exact rational of a finite, non-negative number's shortest decimal text; throws otherwise. */
export function rationalFromNumber(x: number, what = "value"): Rational {
  if (typeof x !== "number" || !Number.isFinite(x) || x < 0) {
    throw new RangeError(`${what} must be a finite non-negative number, got ${String(x)}`);
  }
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`${what} has an unexpected form: ${String(x)}`);
  const [, int, frac = "", exp = "0"] = m;
  let n = BigInt(int + frac);
  let d = 1n;
  const shift = Number(exp) - frac.length;
  if (shift >= 0) n *= 10n ** BigInt(shift);
  else d = 10n ** BigInt(-shift);
  return { n, d };
}

/** a + b */
export function add(a: Rational, b: Rational): Rational {
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

/** a × b */
export function mul(a: Rational, b: Rational): Rational {
  return { n: a.n * b.n, d: a.d * b.d };
}

/** The integer as a rational. */
export function int(x: number | bigint): Rational {
  return { n: BigInt(x), d: 1n };
}

/** Smallest integer ≥ a (a is non-negative). */
export function ceil(a: Rational): bigint {
  return (a.n + a.d - 1n) / a.d;
}

/** Nearest double to a, for display only. */
export function toNumber(a: Rational): number {
  const g = gcd(a.n, a.d);
  const n = a.n / g;
  const d = a.d / g;
  if (n <= BigInt(Number.MAX_SAFE_INTEGER) && d <= BigInt(Number.MAX_SAFE_INTEGER)) {
    return Number(n) / Number(d);
  }
  // Scale to 20 significant digits before converting; display precision needs far less.
  const scale = 10n ** 20n;
  return Number((n * scale) / d) / 1e20;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
