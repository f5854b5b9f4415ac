/**
 * The two astronomical quantities the lunisolar calendar is built from: the instants of new moon and the sun's
 * apparent longitude. Formulas from J. Meeus, "Astronomical Algorithms" (2nd ed.): chapter 49 (phases of the
 * moon, accurate to well under a minute for this century) and chapter 25 (solar coordinates, low accuracy,
 * about 0.01°). Instants are plain Dates (UTC); the calendar decides which civil day they fall on.
 */

const DEG = Math.PI / 180;
const sinDeg = (degrees: number): number => Math.sin(degrees * DEG);

/** Julian Day of 1970-01-01T00:00Z. */
const UNIX_EPOCH_JD = 2440587.5;
const MS_PER_DAY = 86_400_000;

export const julianDayOf = (instant: Date): number => instant.getTime() / MS_PER_DAY + UNIX_EPOCH_JD;
export const instantOfJulianDay = (jd: number): Date =>
  new Date(Math.round((jd - UNIX_EPOCH_JD) * MS_PER_DAY));

/**
 * ΔT = TT − UT in seconds (Espenak & Meeus polynomials). About a minute this century: it matters only for a new
 * moon a minute from midnight, but costs nothing.
 */
export function deltaTSeconds(decimalYear: number): number {
  const t = decimalYear - 2000;
  if (decimalYear < 2005) {
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (decimalYear < 2050) return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  const u = (decimalYear - 1820) / 100;
  return -20 + 32 * u ** 2 - 0.5628 * (2150 - decimalYear);
}

const decimalYearOfJd = (jd: number): number => 2000 + (jd - 2451545.0) / 365.25;

/** Mean length of a lunation (synodic month) in days. */
export const SYNODIC_MONTH = 29.530588861;
/** Lunation number 0 is the new moon of 2000-01-06. */
const LUNATION_ZERO_JDE = 2451550.09766;

// Periodic terms for the new moon (Meeus table 49.A): [coefficient, power of E, multiples of M, M', F, Ω].
const NEW_MOON_TERMS: ReadonlyArray<readonly [number, number, number, number, number, number]> = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

// Planetary arguments A1–A14 (Meeus ch. 49): [constant, rate per lunation, coefficient].
const PLANETARY_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [251.88, 0.016321, 0.000165],
  [251.83, 26.651886, 0.000164],
  [349.42, 36.412478, 0.000126],
  [84.66, 18.206239, 0.00011],
  [141.74, 53.303771, 0.000062],
  [207.14, 2.453732, 0.00006],
  [154.84, 7.30686, 0.000056],
  [34.52, 27.261239, 0.000047],
  [207.19, 0.121824, 0.000042],
  [291.34, 1.844379, 0.00004],
  [161.72, 24.198154, 0.000037],
  [239.56, 25.513099, 0.000035],
  [331.55, 3.592518, 0.000023],
];

/** The instant (UT) of new moon number `k`, counted in lunations from 2000-01-06. */
export function newMoonInstant(k: number): Date {
  const T = k / 1236.85;
  const jde =
    LUNATION_ZERO_JDE +
    SYNODIC_MONTH * k +
    0.00015437 * T ** 2 -
    0.00000015 * T ** 3 +
    0.00000000073 * T ** 4;
  const E = 1 - 0.002516 * T - 0.0000074 * T ** 2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T ** 2 - 0.00000011 * T ** 3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T ** 2 + 0.00001238 * T ** 3 - 0.000000058 * T ** 4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T ** 2 - 0.00000227 * T ** 3 + 0.000000011 * T ** 4;
  const Omega = 124.7746 - 1.56375588 * k + 0.0020672 * T ** 2 + 0.00000215 * T ** 3;

  let correction = 0;
  for (const [coefficient, ePower, m, mp, f, omega] of NEW_MOON_TERMS) {
    correction += coefficient * E ** ePower * sinDeg(m * M + mp * Mp + f * F + omega * Omega);
  }
  correction += 0.000325 * sinDeg(299.77 + 0.107408 * k - 0.009173 * T ** 2);
  for (const [constant, rate, coefficient] of PLANETARY_TERMS)
    correction += coefficient * sinDeg(constant + rate * k);

  const jdeCorrected = jde + correction;
  const jdUt = jdeCorrected - deltaTSeconds(decimalYearOfJd(jdeCorrected)) / 86_400;
  return instantOfJulianDay(jdUt);
}

/** The lunation number of the new moon nearest to `instant`. */
export const nearestLunation = (instant: Date): number =>
  Math.round((julianDayOf(instant) - LUNATION_ZERO_JDE) / SYNODIC_MONTH);

/** The sun's apparent geocentric longitude at `instant`, in degrees 0 ≤ λ < 360. */
export function sunApparentLongitude(instant: Date): number {
  const jdUt = julianDayOf(instant);
  const jde = jdUt + deltaTSeconds(decimalYearOfJd(jdUt)) / 86_400;
  const T = (jde - 2451545.0) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T ** 2;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T ** 2;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T ** 2) * sinDeg(M) +
    (0.019993 - 0.000101 * T) * sinDeg(2 * M) +
    0.000289 * sinDeg(3 * M);
  const omega = 125.04 - 1934.136 * T;
  const apparent = L0 + C - 0.00569 - 0.00478 * sinDeg(omega);
  return ((apparent % 360) + 360) % 360;
}
