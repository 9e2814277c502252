/**
 * Pagefind settings shared by the site's search box (through Starlight's `pagefind` option and
 * src/plugins/search-ui.ts) and the search-precision test, so the test measures what readers get.
 *
 * termFrequency 0.1: pattern pages name the services they deploy many times, and at Pagefind's
 * default (1.0) that outranked the service pages themselves ("S3" found the static website
 * pattern). Weighing how often a term appears less, and where it appears (titles, the
 * "Also known as" line) more, puts each service page first for its name and acronym.
 *
 * metaWeights: Pagefind adds a boost when the query matches a page's meta fields. At its default
 * (title 5) one title word decided the ranking: "IAM" found IAM Identity Center before IAM, and
 * "Relational Database Service" found the Database Migration Service. A service page's aliases are
 * a meta field too (`aliases`, set by src/components/overrides/PageTitle.astro), weighed about like
 * its title, so a page is found by every name it lists; a decision guide's are the services it
 * compares. The title weighs a little more (1.2): at 1, "which compute service" found the purchase
 * options guide, which names compute throughout, before "Choose a compute service".
 *
 * A pattern's short name (its id in words and "pattern", `shortname`) weighs half a title: readers
 * search for "EKS Auto Mode pattern", and at 1 the pattern outranked the EKS page for "EKS".
 *
 * pageLength 0.5 (default 0.75): decision guides are three to four times as long as a service page,
 * and at the default "which analytics service" ranked the analytics guide below three service pages
 * that mention analytics once. tests/e2e/search-precision.spec.ts measures every change.
 */
export const pagefindOptions = {
	ranking: { termFrequency: 0.1, pageLength: 0.5, metaWeights: { title: 1.2, aliases: 1, shortname: 0.5 } },
} as const;

/** Meta fields that only rank results; the search box does not show them on a result. */
export const hiddenMetaFields = ['aliases', 'shortname'] as const;

/**
 * How long the search box waits after a keystroke before it searches. Pagefind UI's default is
 * 300 ms; typed queries should show results within 300 ms of the last keystroke, search included.
 */
export const searchDebounceMs = 80;

/**
 * What the search box does to a query before Pagefind sees it. Pagefind returns only pages that
 * contain every word of a query, so a "vs" in any one page (a source's title, say) would make
 * "Lambda vs Fargate" find that page alone. Readers' comparison words carry no meaning for search,
 * so they are dropped. Self-contained: src/plugins/search-ui.ts puts its source into the browser.
 */
export function processTerm(term: string): string {
	const comparisonWords = ['vs', 'vs.', 'versus'];
	return term
		.split(/\s+/)
		.filter((word) => !comparisonWords.includes(word.toLowerCase()))
		.join(' ');
}
