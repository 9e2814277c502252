/**
 * Pagefind settings shared by the site's search box (through Starlight's `pagefind` option) and
 * the search-precision test, so the test measures what readers get.
 *
 * termFrequency 0.1: pattern pages name the services they deploy many times, and at Pagefind's
 * default (1.0) that outranked the service pages themselves ("S3" found the static website
 * pattern). Weighing how often a term appears less, and where it appears (titles, the
 * "Also known as" line) more, puts each service page first for its name and acronym. 0.2 did
 * until the patterns gained security notes and checklists ("CloudFront" found the three-tier
 * web app); tests/e2e/search-precision.spec.ts measures every change.
 */
export const pagefindOptions = {
	ranking: { termFrequency: 0.1 },
} as const;
