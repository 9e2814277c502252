/**
 * The Kubernetes manifests of the eks-auto-mode pattern (content/patterns/eks-auto-mode/k8s/), which
 * no IaC tool deploys (the reader applies them with kubectl), proven offline:
 * - every object of a Kubernetes API validates against that API's schema with kubernetes-models
 *   (5.x: classes generated from the OpenAPI schemas of Kubernetes 1.36.0, per its 5.0.0 changelog;
 *   the cluster runs 1.35, and these objects use only APIs that are the same in both);
 * - EKS Auto Mode's IngressClassParams, a custom resource kubernetes-models has no class for, is
 *   checked for its apiVersion, kind, name and the spec fields this pattern relies on;
 * - the objects fit together (service account, selectors, ports, ingress class) and fit the stack
 *   (the namespace and service account of the pod identity association, the one API call its role
 *   allows), and the pods meet the restricted Pod Security Standard the namespace enforces.
 * The fixture tests/iac/fixtures/eks-auto-mode/broken.yaml breaks each of these and must fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ConfigMap, Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Ingress, IngressClass } from 'kubernetes-models/networking.k8s.io/v1';
import { fixturesRoot, patternsRoot, repoRoot } from './lib/patterns';
import { parseTemplate } from './lib/cloudformation';

type Manifest = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string> }; spec?: unknown; [key: string]: unknown };
interface Document {
	file: string;
	manifest: Manifest;
}

const patternDir = join(patternsRoot, 'eks-auto-mode');
const k8sDir = join(patternDir, 'k8s');

/** Every YAML document of the files, in the order `kubectl apply -f <folder>/` applies them (file name order). */
function documentsIn(files: string[]): Document[] {
	return files.flatMap((file) =>
		parseAllDocuments(readFileSync(file, 'utf8'))
			.map((doc) => {
				if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
				return doc.toJS() as Manifest | null;
			})
			.filter((manifest): manifest is Manifest => manifest !== null)
			.map((manifest) => ({ file: file.replace(`${repoRoot}/`, ''), manifest }))
	);
}

const manifestFiles = (dir: string) =>
	readdirSync(dir)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => join(dir, name));

/** The kubernetes-models class of each built-in kind the pattern uses. */
const models: Record<string, { validate(): void; new (data: never): { validate(): void } }> = {
	'v1/Namespace': Namespace as never,
	'v1/ServiceAccount': ServiceAccount as never,
	'v1/ConfigMap': ConfigMap as never,
	'v1/Service': Service as never,
	'apps/v1/Deployment': Deployment as never,
	'networking.k8s.io/v1/Ingress': Ingress as never,
	'networking.k8s.io/v1/IngressClass': IngressClass as never,
};

/** Kinds that belong to no namespace. */
const clusterScoped = new Set(['v1/Namespace', 'networking.k8s.io/v1/IngressClass', 'eks.amazonaws.com/v1/IngressClassParams']);

const key = (m: Manifest) => `${m.apiVersion}/${m.kind}`;
const where = (d: Document) => `${d.file}: ${d.manifest.kind} ${d.manifest.metadata?.name ?? '(no name)'}`;

/** Schema problems of one object: a built-in kind through its kubernetes-models class, IngressClassParams by hand. */
export function schemaProblems(d: Document): string[] {
	const m = d.manifest;
	if (!m.apiVersion || !m.kind) return [`${where(d)}: no apiVersion or kind`];
	if (!m.metadata?.name) return [`${where(d)}: no metadata.name`];
	if (key(m) === 'eks.amazonaws.com/v1/IngressClassParams') return ingressClassParamsProblems(d);
	const Model = models[key(m)];
	if (!Model) return [`${where(d)}: ${key(m)} is not a kind this test knows; add its kubernetes-models class`];
	try {
		new Model(m as never).validate();
		return [];
	} catch (error) {
		return [`${where(d)}: ${(error as Error).message}`];
	}
}

/**
 * EKS Auto Mode's IngressClassParams (API group eks.amazonaws.com, version v1, cluster-scoped): the
 * fields its documentation lists for the load balancer, with the values each accepts.
 */
function ingressClassParamsProblems(d: Document): string[] {
	const spec = (d.manifest.spec ?? {}) as Record<string, unknown>;
	const known = ['scheme', 'ipAddressType', 'group', 'subnets', 'certificateARNs', 'sslPolicy', 'tags', 'loadBalancerAttributes', 'namespaceSelector', 'minimumLoadBalancerCapacity', 'sslRedirectPort', 'prefixListsIDs', 'inboundCIDRs', 'targetType'];
	return [
		...Object.keys(spec).filter((field) => !known.includes(field)).map((field) => `${where(d)}: spec.${field} is not an IngressClassParams field`),
		...(spec['scheme'] !== undefined && !['internal', 'internet-facing'].includes(String(spec['scheme'])) ? [`${where(d)}: spec.scheme must be internal or internet-facing, not ${String(spec['scheme'])}`] : []),
		...(spec['ipAddressType'] !== undefined && !['ipv4', 'dualstack'].includes(String(spec['ipAddressType'])) ? [`${where(d)}: spec.ipAddressType must be ipv4 or dualstack`] : []),
	];
}

type Container = { name: string; image?: string; command?: string[]; args?: string[]; securityContext?: Record<string, unknown>; resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> }; ports?: Array<{ name?: string; containerPort: number }> };
type PodSpec = { securityContext?: Record<string, unknown>; serviceAccountName?: string; containers: Container[]; initContainers?: Container[] };

/**
 * What the restricted Pod Security Standard (which the namespace enforces) and this pattern ask of
 * every container: no root, no privilege escalation, no capabilities, the runtime's seccomp profile,
 * a read-only root filesystem, and CPU and memory requests and limits.
 */
export function podProblems(d: Document): string[] {
	const pod = ((d.manifest.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec ?? { containers: [] }) as PodSpec;
	const podContext = pod.securityContext ?? {};
	return [...(pod.initContainers ?? []), ...pod.containers].flatMap((c) => {
		const context = c.securityContext ?? {};
		const setting = (name: string) => context[name] ?? podContext[name];
		const seccomp = (setting('seccompProfile') as { type?: string } | undefined)?.type;
		const drop = ((context['capabilities'] as { drop?: string[] } | undefined)?.drop ?? []).map((x) => x.toUpperCase());
		const at = `${where(d)} container ${c.name}`;
		return [
			...(setting('runAsNonRoot') === true ? [] : [`${at}: may run as root (set runAsNonRoot: true)`]),
			...(setting('runAsUser') === 0 ? [`${at}: runs as user 0`] : []),
			...(context['allowPrivilegeEscalation'] === false ? [] : [`${at}: allows privilege escalation`]),
			...(drop.includes('ALL') ? [] : [`${at}: keeps Linux capabilities (drop ALL)`]),
			...(seccomp === 'RuntimeDefault' || seccomp === 'Localhost' ? [] : [`${at}: no seccomp profile`]),
			...(context['readOnlyRootFilesystem'] === true ? [] : [`${at}: writable root filesystem`]),
			...['requests', 'limits'].flatMap((kind) =>
				['cpu', 'memory'].filter((resource) => c.resources?.[kind as 'requests' | 'limits']?.[resource] === undefined).map((resource) => `${at}: no ${resource} ${kind.slice(0, -1)}`)
			),
		];
	});
}

describe('eks-auto-mode Kubernetes manifests', () => {
	const documents = documentsIn(manifestFiles(k8sDir));
	const find = (kind: string, name?: string) => documents.filter((d) => d.manifest.kind === kind && (name === undefined || d.manifest.metadata?.name === name));
	const one = (kind: string, name?: string) => {
		const found = find(kind, name);
		expect(found.map(where), `exactly one ${kind}${name ? ` ${name}` : ''}`).toHaveLength(1);
		return found[0]!.manifest;
	};

	test('holds a namespace, service account, deployment, service, ingress and its class', () => {
		expect(documents.map((d) => d.manifest.kind).sort()).toEqual(
			['ConfigMap', 'Deployment', 'Ingress', 'IngressClass', 'IngressClassParams', 'Namespace', 'Service', 'ServiceAccount'].sort()
		);
	});

	test('validates every object against its Kubernetes schema, and IngressClassParams against its fields', () => {
		expect(documents.flatMap(schemaProblems)).toEqual([]);
	});

	test('puts every namespaced object in the namespace, which kubectl creates first', () => {
		const namespace = one('Namespace').metadata!.name;
		const problems = documents.flatMap((d, index) => {
			const scoped = clusterScoped.has(key(d.manifest));
			if (scoped) return d.manifest.metadata?.namespace ? [`${where(d)}: a cluster-scoped object with a namespace`] : [];
			return [
				...(d.manifest.metadata?.namespace === namespace ? [] : [`${where(d)}: namespace ${d.manifest.metadata?.namespace ?? '(none)'}, not ${namespace}`]),
				...(documents.findIndex((x) => x.manifest.kind === 'Namespace') < index ? [] : [`${where(d)}: applied before the namespace`]),
			];
		});
		expect(problems).toEqual([]);
	});

	test('runs non-root, without privileges, on a read-only root filesystem, with requests and limits', () => {
		expect(find('Deployment').flatMap(podProblems)).toEqual([]);
		expect(one('Namespace').metadata!.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
	});

	test('wires the service account, service, ingress and Auto Mode load balancer class together', () => {
		const deployment = one('Deployment') as { spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } } } & Manifest;
		const service = one('Service') as { spec: { selector: Record<string, string>; ports: Array<{ name: string; port: number; targetPort: string | number }> } } & Manifest;
		const ingress = one('Ingress') as { spec: { ingressClassName: string; rules: Array<{ http: { paths: Array<{ backend: { service: { name: string; port: { name?: string; number?: number } } } }> } }> } } & Manifest;
		const ingressClass = one('IngressClass') as { spec: { controller: string; parameters: { apiGroup: string; kind: string; name: string } } } & Manifest;
		const params = one('IngressClassParams') as { spec: { scheme: string } } & Manifest;
		const pod = deployment.spec.template.spec;

		expect(one('ServiceAccount', pod.serviceAccountName).metadata!.namespace).toBe(deployment.metadata!.namespace);
		expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
		expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
		const portNames = pod.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name));
		for (const port of service.spec.ports) expect(portNames).toContain(port.targetPort);
		for (const path of ingress.spec.rules.flatMap((r) => r.http.paths)) {
			expect(path.backend.service.name).toBe(service.metadata!.name);
			expect(service.spec.ports.map((p) => p.name)).toContain(path.backend.service.port.name);
		}
		expect(ingress.spec.ingressClassName).toBe(ingressClass.metadata!.name);
		// EKS Auto Mode's own controller, not the AWS Load Balancer Controller's ingress.k8s.aws/alb.
		expect(ingressClass.spec.controller).toBe('eks.amazonaws.com/alb');
		expect(ingressClass.spec.parameters).toEqual({ apiGroup: 'eks.amazonaws.com', kind: 'IngressClassParams', name: params.metadata!.name });
		expect(params.spec.scheme).toBe('internet-facing');
	});

	test('runs as the service account the stack gives a role, and calls only what the role allows', () => {
		const template = parseTemplate(readFileSync(join(patternDir, 'cloudformation', 'template.yaml'), 'utf8'));
		const association = Object.values(template.Resources ?? {}).find((r) => r.Type === 'AWS::EKS::PodIdentityAssociation')!;
		const { Namespace: namespace, ServiceAccount: serviceAccount } = association.Properties as { Namespace: string; ServiceAccount: string };
		const deployment = one('Deployment') as { spec: { template: { spec: PodSpec } } } & Manifest;
		expect(`${deployment.metadata!.namespace}/${deployment.spec.template.spec.serviceAccountName}`).toBe(`${namespace}/${serviceAccount}`);

		// The AWS CLI calls in the pods' scripts, as IAM actions (sts:GetCallerIdentity needs no permission).
		const pod = deployment.spec.template.spec;
		const scripts = [...(pod.initContainers ?? []), ...pod.containers].flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])]).join('\n');
		const calls = [...scripts.matchAll(/\baws ([a-z0-9-]+) ([a-z0-9-]+)/g)].map(([, service, command]) => `${service}:${command!.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`);
		expect(calls.sort()).toEqual(['ssm:GetParameter', 'sts:GetCallerIdentity']);
		const policy = Object.values(template.Resources ?? {}).find((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties).includes('AppRole'))!;
		const allowed = ((policy.Properties as { PolicyDocument: { Statement: Array<{ Action: string | string[] }> } }).PolicyDocument.Statement.flatMap((s) => [s.Action].flat()));
		expect(allowed).toEqual(calls.filter((c) => !c.startsWith('sts:')));
	});
});

describe('the manifest checks', () => {
	const broken = documentsIn([join(fixturesRoot, 'eks-auto-mode', 'broken.yaml')]);

	test('fail a fixture with a wrong type, a wrong enum value, an unknown kind and a bad IngressClassParams', () => {
		expect(broken.flatMap(schemaProblems)).toEqual([
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: Deployment web: data/spec/replicas must be integer',
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: Ingress web: data/spec/rules/0/http/paths/0/pathType must be equal to one of the allowed values',
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: TargetGroupBinding web: elbv2.k8s.aws/v1beta1/TargetGroupBinding is not a kind this test knows; add its kubernetes-models class',
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: IngressClassParams alb: spec.visibility is not an IngressClassParams field',
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: IngressClassParams alb: spec.scheme must be internal or internet-facing, not public',
		]);
	});

	test('fail a pod that runs as root on a writable filesystem without limits', () => {
		expect(broken.flatMap(podProblems)).toEqual([
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: Deployment web container web: may run as root (set runAsNonRoot: true)',
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: Deployment web container web: runs as user 0',
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: Deployment web container web: allows privilege escalation',
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: Deployment web container web: keeps Linux capabilities (drop ALL)',
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: Deployment web container web: no seccomp profile',
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: Deployment web container web: writable root filesystem',
			'tests/iac/fixtures/eks-auto-mode/broken.yaml: Deployment web container web: no memory limit',
		]);
	});
});
