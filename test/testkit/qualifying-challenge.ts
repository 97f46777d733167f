/**
 * A challenge a given solution qualifies for (its region, a TRL it meets, no accreditations), and
 * a response with it, as plain GraphQL inputs: for the clients that arrange a response on the demo
 * data without the typed operations (the browser journeys, the latency bench).
 */
export function qualifyingChallengeInput(organisationId: string, solution: { trl: number; regionsServed: string[] }, title: string) {
  return {
    organisationId,
    title,
    summary: 'Carers miss visits when rotas change at short notice; we want to see and fix gaps the same day.',
    what: 'Rotas live in spreadsheets and changes reach carers by phone.',
    why: 'A missed visit leaves a vulnerable person without medication or a meal.',
    how: 'A twelve-week pilot with two home-care providers.',
    sectors: ['HEALTH_AND_CARE'],
    region: solution.regionsServed[0],
    budgetMinGbp: 10_000,
    budgetMaxGbp: 100_000,
    pilotLengthWeeks: 12,
    responseDeadline: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
    minTrl: Math.min(solution.trl, 5),
    kpis: [{ name: 'missed visits per week', unit: 'visits', baseline: 20, target: 5, direction: 'DECREASE' }],
  };
}

export function qualifyingResponseInput(challengeId: string, solutionId: string) {
  return {
    challengeId,
    solutionId,
    pitch: 'Our rota tool shows every uncovered visit as soon as a rota changes.',
    kpiApproach: 'Weekly missed-visit counts against the baseline.',
    indicativePriceGbp: 20_000,
    timelineWeeks: 12,
  };
}
