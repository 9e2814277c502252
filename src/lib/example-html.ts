/**
 * A worked example's figures as HTML: the title and assumptions, then each option's line items and
 * total. One renderer for the build (the default figures, readable without JavaScript) and for the
 * calculators in the browser, so both show the same table. Every text is escaped: a calculator's
 * load comes from a link anyone can write.
 */
import type { Option } from './pattern-costs.ts';
import { formatQuantity, formatTotal, pluralUnit } from './pricing.ts';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

function quantity(n: number): string {
	return Number.isInteger(n) ? formatQuantity(n) : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function optionsHtml(options: Option[]): string {
	return options
		.map((option, o) => {
			const rows = option.estimate.lines
				.map((line) => `<tr><td>${escapeHtml(line.item)}</td><td>${escapeHtml(`${quantity(line.quantity)} ${pluralUnit(line.unit, line.quantity)}`)}</td><td class="num">${formatTotal(line.cost)}</td></tr>`)
				.join('');
			const several = options.length > 1;
			return (
				`<table data-option="${o}">${several ? `<caption>${escapeHtml(option.label)}</caption>` : ''}` +
				'<thead><tr><th scope="col">Item</th><th scope="col">Billed quantity</th><th scope="col">Per month (USD)</th></tr></thead>' +
				`<tbody>${rows}</tbody>` +
				`<tfoot><tr><th scope="row" colspan="2">${escapeHtml(several ? `Total, ${option.label}` : 'Total')}</th>` +
				`<td class="num" data-total="${option.estimate.total.toFixed(4)}"><strong>${formatTotal(option.estimate.total)}</strong></td></tr></tfoot></table>`
			);
		})
		.join('');
}

export function exampleHtml(example: { title: string; assumptions: string }, options: Option[]): string {
	return `<p class="title"><strong>Worked example: ${escapeHtml(example.title)}.</strong> ${escapeHtml(example.assumptions)}</p>${optionsHtml(options)}`;
}
