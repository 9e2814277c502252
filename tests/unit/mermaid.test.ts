import { afterAll, describe, expect, it } from 'vitest';
import { closeRenderer, narrowLayout, renderDiagram, withAccessibility } from '../../src/lib/mermaid';

afterAll(closeRenderer);

const input = {
	code: 'flowchart LR\n  A[Client] -->|HTTPS| B(API Gateway)\n  B --> C[Lambda]',
	title: 'Request path',
	description: 'A client calls API Gateway, which invokes Lambda.',
};

describe('withAccessibility', () => {
	it('adds accTitle and accDescr right after the diagram type', () => {
		expect(withAccessibility({ ...input, description: 'Two\n lines' }).split('\n').slice(0, 3)).toEqual([
			'flowchart LR',
			'  accTitle: Request path',
			'  accDescr: Two lines',
		]);
	});
});

describe('narrowLayout', () => {
	it('turns a left-to-right flowchart top to bottom and keeps the rest', () => {
		expect(narrowLayout('flowchart LR\n  a -->|x| b\n  subgraph s\n    direction LR\n    c\n  end')).toBe('flowchart TB\n  a -->|x| b\n  subgraph s\n    direction LR\n    c\n  end');
		expect(narrowLayout('graph RL\n  a --> b')).toBe('graph TB\n  a --> b');
	});

	it('leaves a diagram that already runs top to bottom, or is not a flowchart, alone', () => {
		expect(narrowLayout('flowchart TD\n  a --> b')).toBeUndefined();
		expect(narrowLayout('sequenceDiagram\n  a->>b: hi')).toBeUndefined();
	});
});

describe('renderDiagram', () => {
	it('renders a light and a dark SVG with the title and description inside', async () => {
		const diagram = await renderDiagram(input);
		for (const svg of [diagram.light, diagram.dark]) {
			expect(svg.startsWith('<svg')).toBe(true);
			expect(svg).toContain('<title');
			expect(svg).toContain('Request path</title>');
			expect(svg).toContain('A client calls API Gateway, which invokes Lambda.</desc>');
		}
		expect(diagram.light).not.toBe(diagram.dark);
		expect(diagram.light).toContain(`id="${diagram.id}-light"`);
		expect(diagram.dark).toContain(`id="${diagram.id}-dark"`);
	});

	it('returns the nodes and edges as Mermaid parsed them', async () => {
		const diagram = await renderDiagram(input);
		expect(diagram.nodes.map((n) => n.label)).toEqual(['Client', 'API Gateway', 'Lambda']);
		expect(diagram.edges).toEqual([
			{ from: 'A', to: 'B', label: 'HTTPS' },
			{ from: 'B', to: 'C', label: '' },
		]);
	});

	it('fails naming the diagram when the Mermaid source is invalid', async () => {
		await expect(renderDiagram({ ...input, code: 'flowchart LR\n  A -->' })).rejects.toThrow(/could not render the diagram "Request path"/);
	});
});

describe('compactSvg', () => {
	it('shrinks coordinates but keeps the ids and shapes that title, description and styles refer to', async () => {
		const diagram = await renderDiagram({ ...input, code: 'flowchart LR\n  A([Client]) -->|calls| B[(Table)]' });
		// Mermaid colours edge-label backgrounds with `.edgeLabel rect`; as paths they lose it.
		expect(diagram.dark).toMatch(/<rect[^>]*class="background"/);
		expect(diagram.light).toContain(`id="chart-title-${diagram.id}-light"`);
		expect(diagram.light).toContain(`aria-labelledby="chart-title-${diagram.id}-light"`);
		expect(diagram.light).toContain(`#${diagram.id}-light`);
		expect(diagram.light).not.toMatch(/ d="[^"]*\d\.\d{2,}/);
		expect(diagram.light).not.toContain('data-points');
	});
});
