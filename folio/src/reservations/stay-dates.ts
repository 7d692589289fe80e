// Pure calendar arithmetic on YYYY-MM-DD dates (no time zone can shift a date).

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** The nights of a stay: arrival, arrival + 1, …, departure − 1. */
export function nightsOf(arrival: string, departure: string): string[] {
  const nights: string[] = [];
  for (let night = arrival; night < departure; night = addDays(night, 1)) nights.push(night);
  return nights;
}

/** Half-open ranges [a1, d1) and [a2, d2) share a night. */
export function rangesOverlap(a1: string, d1: string, a2: string, d2: string): boolean {
  return a1 < d2 && a2 < d1;
}
