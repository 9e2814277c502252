/**
 * What a pattern's Kubernetes manifests (content/patterns/<id>/k8s/, applied with kubectl rather than
 * by the template) ask of the cluster: the Deployments, how many pods each keeps, and the CPU and
 * memory each pod requests, which decide the nodes a cluster starts for them. sizing.ts adds these to
 * a pattern's sizing, so a cost estimate follows the manifests as it follows the template.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface KubernetesDeploymentSize {
	/** namespace/name */
	id: string;
	replicas: number;
	/** What one pod requests: the larger of its containers' sum and its largest init container (how the scheduler counts). */
	cpuMillicores: number;
	memoryMiB: number;
}

type Container = { resources?: { requests?: Record<string, unknown> } };

/** A Kubernetes CPU quantity (500m, 0.5, 2) in millicores. */
export function millicores(quantity: unknown): number {
	const text = String(quantity ?? '0');
	return text.endsWith('m') ? Number(text.slice(0, -1)) : Number(text) * 1000;
}

/** A Kubernetes memory quantity (128Mi, 1Gi, 500M, bytes) in MiB. */
export function mebibytes(quantity: unknown): number {
	const match = /^([0-9.]+)([A-Za-z]*)$/.exec(String(quantity ?? '0'));
	if (!match) return Number.NaN;
	const factors: Record<string, number> = { '': 1 / 1024 ** 2, Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 ** 2, k: 1000 / 1024 ** 2, M: 1000 ** 2 / 1024 ** 2, G: 1000 ** 3 / 1024 ** 2 };
	return Number(match[1]) * (factors[match[2]!] ?? Number.NaN);
}

function request(containers: Container[], resource: 'cpu' | 'memory'): number {
	const amount = (c: Container) => (resource === 'cpu' ? millicores(c.resources?.requests?.['cpu']) : mebibytes(c.resources?.requests?.['memory']));
	return containers.reduce((sum, c) => sum + amount(c), 0);
}

/** The Deployments in `<patternDir>/k8s/*.yaml`; none when the pattern has no such folder. */
export function kubernetesDeployments(patternDir: string): KubernetesDeploymentSize[] {
	const dir = join(patternDir, 'k8s');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.flatMap((name) => parseAllDocuments(readFileSync(join(dir, name), 'utf8')).map((doc) => doc.toJS() as Record<string, unknown> | null))
		.filter((m): m is Record<string, unknown> => m?.['kind'] === 'Deployment')
		.map((m) => {
			const metadata = (m['metadata'] ?? {}) as { name?: string; namespace?: string };
			const spec = (m['spec'] ?? {}) as { replicas?: number; template?: { spec?: { containers?: Container[]; initContainers?: Container[] } } };
			const pod = spec.template?.spec ?? {};
			const init = pod.initContainers ?? [];
			const largest = (resource: 'cpu' | 'memory') => Math.max(request(pod.containers ?? [], resource), ...init.map((c) => request([c], resource)));
			return {
				id: `${metadata.namespace ?? 'default'}/${metadata.name ?? ''}`,
				// Kubernetes's default is one replica.
				replicas: spec.replicas ?? 1,
				cpuMillicores: largest('cpu'),
				memoryMiB: largest('memory'),
			};
		});
}
