/**
 * Loads a form's behaviour only when it is needed: at once for a link that carries one of its keys,
 * otherwise at the reader's first change, which it then replays. Until then the form shows the
 * defaults the build rendered, so a page that is only read runs none of it.
 */
export function startWhenNeeded(form: HTMLFormElement, keys: string[], start: () => Promise<() => void>): void {
	form.addEventListener('submit', (event) => event.preventDefault());
	if (keys.some((key) => new URLSearchParams(location.search).has(key))) {
		void start();
		return;
	}
	const first = () => {
		form.removeEventListener('input', first);
		void start().then((update) => update());
	};
	form.addEventListener('input', first);
}
