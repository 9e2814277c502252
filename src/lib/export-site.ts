/**
 * The site and base the exports build their absolute URLs from: Astro's configured `site`
 * (SITE_URL in astro.config.mjs) and `base`. Only Astro code imports this (it reads import.meta.env).
 */
import { defaultSite } from './export-paths.ts';
import type { ExportOptions } from './markdown-export.ts';

export const exportOptions: ExportOptions = {
	site: import.meta.env.SITE ?? defaultSite,
	base: import.meta.env.BASE_URL,
};
