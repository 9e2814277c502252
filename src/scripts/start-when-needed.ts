/**
 * Loads a form's behaviour only when it is needed: at once for a link that carries one of its keys,
 * and at the reader's first change, which it then replays (a change made while the behaviour is
 * still loading is not lost). Until then the form shows the defaults the build rendered, so a page
 * that is only read runs none of it.
 */
export function startWhenNeeded(form: HTMLFormElement, keys: string[], start: () => Promise<() => void>): void {
	form.addEventListener('submit', (event) => event.preventDefault());
	let started: Promise<() => void> | undefined;
	const begin = () => (started ??= start());
	if (keys.some((key) => new URLSearchParams(location.search).has(key))) void begin();
	const first = () => {
		form.removeEventListener('input', first);
		void begin().then((update) => update());
	};
	form.addEventListener('input', first);
}
