/**
 * A pattern calculator's behaviour, loaded when the reader first changes an input or follows a link
 * with a load: reading the link (falling back with a notice), checking each input as typed, keeping
 * the load in the URL, repricing with the formulas (loaded on first use too) and telling any
 * comparison chart on the page the new load.
 */
import { loadFromForm, loadFromParams, loadToParams, type Load, type LoadFields } from '../lib/load-input';

type Priced = typeof import('../lib/pattern-calculator');

/** The event a calculator sends when its load changes; a comparison chart on the page redraws with it. */
export interface PatternLoadDetail {
	pattern: string;
	load: Load;
}

/** Wires the calculator up; returns the function that reprices it from the form. */
export function start(element: HTMLElement): () => void {
	const fields = JSON.parse(element.dataset.fields!) as LoadFields;
	const form = element.querySelector('form')!;
	const input = (key: string) => form.elements.namedItem(key) as HTMLInputElement;
	const pattern = element.dataset.pattern as Parameters<Priced['pricePattern']>[0];
	const sizing = JSON.parse(element.dataset.sizing!);
	const book = JSON.parse(element.dataset.book!);
	let priced: Promise<Priced> | undefined;

	const notify = (text: string) => {
		const notice = element.querySelector<HTMLElement>('[data-notice]')!;
		notice.textContent = text;
		notice.hidden = text === '';
	};

	const render = async (load: Load) => {
		const { pricePattern } = await (priced ??= import('../lib/pattern-calculator'));
		const { html, summary } = pricePattern(pattern, sizing, book, load);
		element.querySelector('[data-example]')!.innerHTML = html;
		element.querySelector('[data-summary]')!.textContent = summary;
		document.dispatchEvent(new CustomEvent<PatternLoadDetail>('pattern-load', { detail: { pattern, load } }));
	};

	const update = () => {
		const raw = Object.fromEntries(Object.keys(fields).map((key) => [key, input(key).value]));
		const { load, errors } = loadFromForm(fields, raw);
		for (const key of Object.keys(fields)) {
			const message = element.querySelector<HTMLElement>(`[data-error-for="${key}"]`)!;
			const error = errors[key];
			message.textContent = error ?? '';
			message.hidden = !error;
			input(key).setAttribute('aria-invalid', String(Boolean(error)));
		}
		if (Object.keys(errors).length > 0) {
			element.querySelector('[data-summary]')!.textContent = 'Correct the marked input: the figures below are still those of the last load that was valid.';
			return;
		}
		history.replaceState(history.state, '', `${location.pathname}?${loadToParams(fields, load, new URLSearchParams(location.search))}${location.hash}`);
		void render(load);
	};

	const { load, notices, fromLink } = loadFromParams(fields, new URLSearchParams(location.search));
	if (notices.length > 0) notify(notices.join(' '));
	if (fromLink) {
		for (const key of Object.keys(fields)) input(key).value = String(load[key]);
		void render(load);
	}
	form.addEventListener('input', update);
	element.querySelector('[data-reset]')!.addEventListener('click', () => {
		const params = new URLSearchParams(location.search);
		for (const key of Object.keys(fields)) {
			input(key).value = input(key).dataset.default!;
			params.delete(key);
		}
		update();
		const query = params.toString();
		history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
		notify('');
	});
	return update;
}
