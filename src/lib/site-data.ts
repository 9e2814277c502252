/** Collection look-ups shared by components. Only Astro code imports this (it needs astro:content). */
import { getCollection, getEntry } from 'astro:content';
import type { Service } from '../schemas/service.ts';
import type { PriceBook } from './costs.ts';
import type { LeafNode } from '../schemas/decision.ts';
import { leafTarget as target } from './decision-tree.ts';

export interface ServiceLink extends Service {
	href: string;
	title: string;
	description: string;
}

/** The site's base path without a trailing slash ("" at the root), for building internal links. */
export const base = import.meta.env.BASE_URL.replace(/\/$/, '');

/** Every service page, keyed by service id. */
export async function servicesById(): Promise<Map<string, ServiceLink>> {
	const pages = await getCollection('docs', (entry) => Boolean(entry.data.service));
	return new Map(
		pages.map((entry) => {
			const service = entry.data.service!;
			return [
				service.id,
				{ ...service, href: `${base}/${entry.id}/`, title: entry.data.title, description: entry.data.description },
			];
		})
	);
}


/** Where a decision leaf sends the reader on the site: its service's page, or the page it names instead. */
export function leafTarget(node: LeafNode, services: Map<string, ServiceLink>): { href: string; name: string } {
	return target(node, (id) => services.get(id)!, (path) => `${base}${path}`);
}

export async function getPattern(id: string) {
	const entry = await getEntry('patterns', id);
	if (!entry) throw new Error(`content/patterns/${id}/pattern.yaml does not exist.`);
	return entry.data;
}

export async function getSnippet(id: string) {
	const entry = await getEntry('snippets', id);
	if (!entry) throw new Error(`content/snippets/${id}/snippet.yaml does not exist.`);
	return entry.data;
}

export async function getDecisionTree(id: string) {
	const entry = await getEntry('decisions', id);
	if (!entry) throw new Error(`content/decisions/${id}.yaml does not exist.`);
	return entry.data;
}

/** Every price list, keyed by service id, for the cost formulas. */
export async function getPriceBook(): Promise<PriceBook> {
	const lists = await getCollection('pricing');
	return Object.fromEntries(lists.map((entry) => [entry.data.service, entry.data]));
}
