/**
 * A comparison chart redrawn in the browser with the loads the page's calculators last priced, with
 * the same code that drew it at build time.
 */
import { atLoadPrices, compareAt, comparisonSvg, comparisonText, costComparisons, type CostComparisonId } from '../lib/cost-comparisons';
import type { PatternSizing } from '../lib/iac/sizing';
import type { Load } from '../lib/load-input';

export function redraw(element: HTMLElement, loads: Record<string, Load>): void {
	const id = element.dataset.id as CostComparisonId;
	const comparison = costComparisons[id];
	const sizing = JSON.parse(element.dataset.sizing!) as Record<string, PatternSizing>;
	const data = compareAt(comparison, atLoadPrices((pattern) => sizing[pattern]!, JSON.parse(element.dataset.book!)), loads);
	const text = comparisonText(comparison, data);
	element.querySelector('[data-chart]')!.innerHTML = comparisonSvg(comparison, data, { title: `${id}-title`, desc: `${id}-desc` }, text);
	element.querySelector('[data-text]')!.textContent = text;
}
