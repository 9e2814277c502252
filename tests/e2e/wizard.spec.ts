/**
 * The decision wizards, driven by keyboard as a reader without a mouse would, against the tree
 * data they are built from.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { axe } from './axe';
import { builtPage } from './site';

interface Tree {
	start: string;
	nodes: Record<string, { kind: 'question'; text: string; answers: Array<{ label: string; next: string }> } | { kind: 'leaf'; label: string; service: string }>;
}

const dir = join(process.cwd(), 'content', 'decisions');
const trees = readdirSync(dir)
	.filter((name) => name.endsWith('.yaml'))
	.map((name) => ({ id: name.replace(/\.yaml$/, ''), tree: parse(readFileSync(join(dir, name), 'utf8')) as Tree }));

/** The answer numbers of the longest path from the start, and the leaf it ends at. */
function deepestPath(tree: Tree): { path: number[]; leaf: string } {
	let best = { path: [] as number[], leaf: tree.start };
	const visit = (id: string, path: number[]) => {
		const node = tree.nodes[id]!;
		if (node.kind === 'leaf') {
			if (path.length > best.path.length) best = { path, leaf: id };
			return;
		}
		node.answers.forEach((answer, i) => visit(answer.next, [...path, i]));
	};
	visit(tree.start, []);
	return best;
}

function leafIds(tree: Tree): string[] {
	return Object.entries(tree.nodes).filter(([, node]) => node.kind === 'leaf').map(([id]) => id).sort();
}

const wizard = (page: Page) => page.locator('decision-wizard');
const pathParam = (page: Page) => new URL(page.url()).searchParams.get('path');
const visibleStep = (page: Page) => wizard(page).locator('section[data-node]:visible');

test('there are at least five decision guides', () => {
	expect(trees.map((t) => t.id).sort()).toEqual(expect.arrayContaining(['compute', 'database', 'messaging', 'serverless', 'storage']));
});

/** The layout shift score so far (the sum of shifts without input, as CLS counts them within one window). */
async function watchLayoutShifts(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { shifts: number };
		w.shifts = 0;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean }>) {
				if (!entry.hadRecentInput) w.shifts += entry.value;
			}
		}).observe({ type: 'layout-shift', buffered: true });
	});
}

for (const { id, tree } of trees) {
	const url = `/decisions/${id}/`;

	// What needs no browser: the outline and the diagram as built.
	test(`the ${id} guide shows the same leaves in the outline and the diagram as in the data`, () => {
		const built = builtPage(url);
		if (!built) throw new Error(`dist/ has no page ${url}`);
		const { $ } = built;
		const outline = $('.tree-outline [data-node].leaf').toArray().map((el) => $(el).attr('data-node')!);
		expect([...new Set(outline)].sort()).toEqual(leafIds(tree));
		// Each question is written out once; answers that lead to a shared question refer to it.
		const questions = $('.tree-outline .question[data-node]').toArray().map((el) => $(el).attr('data-node')!);
		expect(questions.filter((q, i) => questions.indexOf(q) !== i), 'questions written out twice').toEqual([]);
		expect([...questions].sort()).toEqual(Object.keys(tree.nodes).filter((n) => tree.nodes[n]!.kind === 'question').sort());
		// Mermaid wraps long labels into one text row each, with no space between rows.
		const squash = (text: string) => text.replace(/\s+/g, '');
		const diagramText = squash($('figure.diagram [data-layout="wide"] .diagram-light svg').first().text());
		for (const leaf of leafIds(tree)) expect(diagramText).toContain(squash((tree.nodes[leaf] as { label: string }).label));
	});

	// One tab through the wizard's life, as a reader's: three loads of the page instead of a browser
	// context per step.
	test(`the ${id} guide's wizard starts without moving the content, opens a stale link at the start, and walks by keyboard to an accessible recommendation and back`, async ({ page }) => {
		// A phone-sized window, where the wizard is tallest and a shift moves the most text.
		await page.setViewportSize({ width: 412, height: 823 });
		await watchLayoutShifts(page);
		await page.goto(url, { waitUntil: 'load' });
		await expect(wizard(page)).toBeVisible();
		await page.waitForTimeout(500);
		expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts), 'layout shift when the wizard starts').toBeLessThan(0.01);
		await expect(visibleStep(page)).toHaveAttribute('data-node', tree.start);
		await page.setViewportSize({ width: 1280, height: 720 });

		await page.goto(`${url}?path=9.9.9`);
		await expect(wizard(page).getByRole('status')).toContainText('no longer match');
		await expect(visibleStep(page)).toHaveAttribute('data-node', tree.start);
		await expect.poll(() => pathParam(page)).toBeNull();

		const { path, leaf } = deepestPath(tree);
		await page.goto(url);
		await expect(visibleStep(page)).toHaveAttribute('data-node', tree.start);
		await wizard(page).locator(`section[data-node="${tree.start}"] h3`).focus();
		for (const answer of path) {
			// From the focused question, Tab reaches the answers in order; Enter chooses one.
			for (let i = 0; i <= answer; i++) await page.keyboard.press('Tab');
			await page.keyboard.press('Enter');
		}
		await expect(visibleStep(page)).toHaveAttribute('data-node', leaf);
		const node = tree.nodes[leaf] as { label: string };
		await expect(visibleStep(page).getByRole('heading')).toContainText(node.label);
		await expect(visibleStep(page).getByRole('heading')).toBeFocused();
		await expect.poll(() => pathParam(page)).toBe(path.join('.'));
		// The rest of the page is every-page.spec.ts's; the recommendation is a state only the wizard reaches.
		const results = await axe(page).include('decision-wizard').analyze();
		expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);

		await page.reload();
		await expect(visibleStep(page)).toHaveAttribute('data-node', leaf);

		await wizard(page).getByRole('button', { name: 'Back' }).focus();
		await page.keyboard.press('Enter');
		const previous = path.length > 1 ? path.slice(0, -1).join('.') : null;
		// The wizard updates the URL after it shows the step: wait for it, as a reader's address bar would.
		await expect.poll(() => pathParam(page)).toBe(previous);
		await expect(visibleStep(page)).not.toHaveAttribute('data-node', leaf);

		await wizard(page).getByRole('button', { name: 'Start over' }).click();
		await expect(visibleStep(page)).toHaveAttribute('data-node', tree.start);
	});
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the wizard stays hidden and the outline gives every path', async ({ page }) => {
		await page.goto('/decisions/compute/');
		await expect(page.locator('decision-wizard')).toBeHidden();
		await expect(page.locator('.tree-outline')).toBeVisible();
	});
});
