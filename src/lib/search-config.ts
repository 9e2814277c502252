/**
 * Pagefind settings shared by the site's search box (through Starlight's `pagefind` option) and
 * the search-precision test, so the test measures what readers get. Pagefind's default ranking
 * measured best on tests/e2e/search-queries.yaml; see the README for the figures.
 */
export const pagefindOptions = {
	ranking: {},
} as const;
