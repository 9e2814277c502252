import { serviceCategories, type Service } from '../schemas/service.ts';

const categoryLabels: Record<(typeof serviceCategories)[number], string> = {
	compute: 'Compute and containers',
	storage: 'Storage and data movement',
	database: 'Database',
	networking: 'Networking and delivery',
	integration: 'Integration and messaging',
	analytics: 'Analytics',
	ml: 'Machine learning and AI',
	security: 'Security, identity and governance',
	observability: 'Observability',
	devtools: 'Developer tools and delivery',
	cost: 'Cost management',
	migration: 'Migration',
};

export interface ServicePage {
	/** Docs slug, for example "services/lambda". */
	slug: string;
	service: Service;
}

/** The Services sidebar group: one sub-group per category, services sorted by name. */
export function servicesSidebar(pages: ServicePage[]) {
	return serviceCategories
		.map((category) => ({
			label: categoryLabels[category],
			collapsed: true,
			items: pages
				.filter((page) => page.service.category === category)
				.sort((a, b) => a.service.name.localeCompare(b.service.name))
				.map((page) => page.slug),
		}))
		.filter((group) => group.items.length > 0);
}

export function categoryLabel(category: Service['category']): string {
	return categoryLabels[category];
}
