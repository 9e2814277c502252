/**
 * The search quality the site promises, per kind of query in search-queries.yaml. The README quotes
 * these; tests/e2e/search-precision.spec.ts fails below them.
 *   at: 1 means the expected page must be the first result; 3, within the first three.
 *   min: the share of the kind's queries that must meet it.
 * Names and acronyms must always find the service first. Aliases (long names, engine and feature
 * names) also appear in the prose of guides and patterns that use the service, so a few may lose
 * first place. "X vs Y" questions are answered by a decision guide, which may rank after the two
 * service pages the query names, hence top 3.
 */
export const searchThresholds = {
	name: { at: 1, min: 1 },
	acronym: { at: 1, min: 1 },
	alias: { at: 1, min: 0.8 },
	guide: { at: 3, min: 1 },
	pattern: { at: 1, min: 1 },
	page: { at: 3, min: 0.9 },
} as const;

export type QueryKind = keyof typeof searchThresholds;

/** Over all queries together. */
export const overallThresholds = { p1: 0.85, p3: 0.95 } as const;
