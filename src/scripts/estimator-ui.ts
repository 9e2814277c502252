/**
 * The cost estimator's behaviour, loaded when the reader first changes an input or follows a link
 * with inputs: reading the link (falling back with a notice), checking each field as typed,
 * recomputing the comparison and keeping the inputs in the URL. The page's own script stays small.
 */
import type { PriceBook } from '../lib/costs';
import { compare, inputFromParams, parseInput, toSearchParams, type EstimatorInput } from '../lib/estimator';
import { formatTotal } from '../lib/pricing';

/** Wires the estimator up; returns the function that recomputes it from the form. */
export function start(element: HTMLElement): () => void {
	const book = JSON.parse(element.dataset.book!) as PriceBook;
	const form = element.querySelector('form')!;
	const { input: linked, notices, fromLink } = inputFromParams(new URLSearchParams(location.search));
	const notice = element.querySelector<HTMLElement>('[data-notice]')!;
	notice.textContent = notices.join(' ');
	notice.hidden = notices.length === 0;
	if (fromLink) {
		for (const [name, value] of Object.entries(linked)) {
			const control = form.elements.namedItem(name);
			if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) control.value = String(value);
		}
	}
	const update = () => {
		const raw = Object.fromEntries(new FormData(form)) as Record<string, string>;
		const { input, errors } = parseInput(raw);
		for (const message of element.querySelectorAll<HTMLElement>('[data-error-for]')) {
			const error = errors[message.dataset.errorFor as keyof EstimatorInput];
			message.textContent = error ?? '';
			message.hidden = !error;
			form.elements.namedItem(message.dataset.errorFor!) instanceof HTMLInputElement &&
				(form.elements.namedItem(message.dataset.errorFor!) as HTMLInputElement).setAttribute('aria-invalid', String(Boolean(error)));
		}
		const results = element.querySelector<HTMLElement>('[data-results]')!;
		results.classList.toggle('stale', Object.keys(errors).length > 0);
		if (Object.keys(errors).length > 0) return;
		compare(book, input).forEach((comparison, c) =>
			comparison.options.forEach((option, o) => {
				element.querySelector(`[data-label="${c}-${o}"]`)!.textContent = option.label;
				element.querySelector(`[data-total="${c}-${o}"]`)!.textContent = formatTotal(option.estimate.total);
			})
		);
		history.replaceState(null, '', `${location.pathname}?${toSearchParams(input)}`);
	};
	form.addEventListener('input', update);
	if (fromLink) update();
	return update;
}
