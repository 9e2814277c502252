/**
 * A comparison chart redrawn in the browser with the loads the page's calculators last priced, with
 * the same code that drew it at build time.
 */
import { compareAt, comparisonSvg, comparisonText, costComparisons, type CostComparisonId } from '../lib/cost-comparisons';
import type { Load } from '../lib/load-input';
import { pricePattern } from '../lib/pattern-calculator';

export function redraw(element: HTMLElement, loads: Record<string, Load>): void {
	const id = element.dataset.id as CostComparisonId;
	const comparison = costComparisons[id];
	const sizing = JSON.parse(element.dataset.sizing!);
	const book = JSON.parse(element.dataset.book!);
	const price = (pattern: Parameters<typeof pricePattern>[0], load: Partial<Load>) =>
		pricePattern(pattern, sizing[pattern], book, load).options.find((o) => o.atLoad)!.estimate.total;
	const data = compareAt(comparison, price, loads);
	const text = comparisonText(comparison, data);
	element.querySelector('[data-chart]')!.innerHTML = comparisonSvg(comparison, data, { title: `${id}-title`, desc: `${id}-desc` }, text);
	element.querySelector('[data-text]')!.textContent = text;
}
