// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import { loadContent } from './src/lib/content';
import { servicesSidebar } from './src/lib/sidebar';
import { contentIntegrity } from './src/plugins/integrity';
import { contentSecurityPolicy } from './src/plugins/csp';
import { pagefindOptions } from './src/lib/search-config';
import { rehypeBaseLinks } from './src/plugins/rehype-base-links';
import { readRedirects } from './src/lib/url-manifest';
import { fastToc } from './src/plugins/fast-toc';
import { searchUi } from './src/plugins/search-ui';
import sitemap from '@astrojs/sitemap';
import { codePageOf } from './src/lib/patterns';

// Where the site is published; canonical links, the sitemap and link previews are built from it.
// BASE_PATH hosts it under a sub-path (for example /aws-patterns on a shared domain).
const site = process.env.SITE_URL ?? 'https://aws-patterns.dev';
const base = process.env.BASE_PATH ?? '/';

const { services } = loadContent({ content: './content', docs: './src/content/docs' });

export default defineConfig({
	site,
	base,
	trailingSlash: 'always',
	// Every moved page, declared once in content/urls/redirects.yaml (the URL tests hold the site to it).
	redirects: readRedirects().pages,
	markdown: { processor: unified({ rehypePlugins: [[rehypeBaseLinks, { base }]] }) },
	vite: { plugins: [fastToc(), searchUi()] },
	integrations: [
		contentIntegrity(),
		contentSecurityPolicy(),
		// Starlight's own sitemap, less each variant's code page: a search should land on the pattern,
		// whose tabs show the same files (which also download raw).
		sitemap({ filter: (page) => !codePageOf(new URL(page).pathname.slice(base.length).replace(/^\/|\/$/g, '')) }),
		starlight({
			title: 'AWS Patterns',
			description:
				'Choose AWS services with decision guides and copy infrastructure code proven in CDK, Terraform and CloudFormation.',
			favicon: '/favicon.svg',
			logo: { src: './src/assets/logo.svg', replacesTitle: false },
			lastUpdated: true,
			pagefind: pagefindOptions,
			pagination: false,
			customCss: ['./src/styles/site.css'],
			head: [
				// Runs before any tab set restores its choice, so `?iac=terraform` in a shared link wins.
				{ tag: 'script', content: `(() => {
	const labels = { cdk: 'CDK', terraform: 'Terraform', cloudformation: 'CloudFormation', cfn: 'CloudFormation' };
	try {
		const label = labels[(new URLSearchParams(location.search).get('iac') || '').toLowerCase()];
		if (label) localStorage.setItem('starlight-synced-tabs__iac', label);
	} catch {}
})();` },
			],
			components: {
				PageTitle: './src/components/overrides/PageTitle.astro',
			},
			routeMiddleware: './src/route-data.ts',
			sidebar: [
				{ label: 'Services', items: ['services', ...servicesSidebar(services.map(({ slug, data }) => ({ slug, service: data })))] },
				{ label: 'Decision guides', items: [{ autogenerate: { directory: 'decisions' } }] },
				{ label: 'Patterns', items: [{ autogenerate: { directory: 'patterns' } }] },
				{ label: 'Well-Architected', items: [{ autogenerate: { directory: 'well-architected' } }] },
				{ label: 'Infrastructure as code', items: [{ autogenerate: { directory: 'iac' } }] },
				{ label: 'Tools', items: [{ autogenerate: { directory: 'tools' } }] },
			],
		}),
	],
});
