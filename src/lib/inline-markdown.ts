/**
 * The small inline Markdown that data files may use: `code`, **bold** and [links](/path/).
 * Everything else is escaped, so data can never inject markup.
 */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `base`: the site's base path without its trailing slash ("" or "/aws-patterns"), put before links to its own pages. */
export function inlineMarkdown(text: string, base = ''): string {
	return escapeHtml(text)
		.replace(/`([^`]+)`/g, '<code>$1</code>')
		.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
		.replace(/\[([^\]]+)\]\(((?:https:\/\/|\/)[^)\s]*)\)/g, (_, label: string, href: string) => `<a href="${href.startsWith('/') ? base + href : href}">${label}</a>`);
}
