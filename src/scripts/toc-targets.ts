/**
 * The elements Starlight's "On this page" observes to highlight the current heading: the headings
 * in <main>, their following siblings, and the top-level blocks of the content, each unless it
 * contains a heading. Starlight finds them with one selector,
 *
 *   main :where(H), main :where(H, .sl-heading-wrapper) ~ *:not(:has(H)),
 *   main .sl-markdown-content > *:not(:has(H)), main > *:not(:has(H))
 *
 * which the browser matches against every element of <main>, walking each one's earlier siblings
 * and searching its subtree. A code block has one element per line, all siblings, so the work grows
 * with the square of its length: 200 ms on the three-tier pattern page on a desktop CPU, four times
 * that on Lighthouse's mobile CPU. This finds the same set by looking at the top levels only.
 * src/plugins/fast-toc.ts swaps it into Starlight's script; tests/e2e/toc.spec.ts proves both give
 * the same elements on every page.
 *
 * Self-contained (no imports, no outer variables), so a test can run it in the page as it is.
 */
export function tocTargets(headings: string): Element[] {
	const main = document.querySelector('main');
	if (!main) return [];
	const hasHeadingInside = (element: Element) => element.querySelector(headings) !== null;
	const targets = new Set<Element>(main.querySelectorAll(headings));
	// Following siblings of a heading: from the first heading of each parent, every sibling after it.
	const parents = new Set<Element | null>();
	for (const start of main.querySelectorAll(`${headings}, .sl-heading-wrapper`)) {
		if (parents.has(start.parentElement)) continue;
		parents.add(start.parentElement);
		for (let sibling = start.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
			if (!hasHeadingInside(sibling)) targets.add(sibling);
		}
	}
	for (const content of main.querySelectorAll('.sl-markdown-content')) {
		for (const child of content.children) if (!hasHeadingInside(child)) targets.add(child);
	}
	for (const child of main.children) if (!hasHeadingInside(child)) targets.add(child);
	return [...targets];
}
