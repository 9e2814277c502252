/**
 * Finds the database engine versions, EKS Kubernetes versions and database master user names each
 * IaC variant asks for, and compares them with tests/iac/retired-versions.json. Like the
 * retired-runtime check (runtimes.ts), it scans the code statically, and cdk.test.ts also scans
 * the synthesized templates.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as rds from 'aws-cdk-lib/aws-rds';
import { parseTemplate } from './cloudformation';
import { iacTestsRoot, listFiles, rel } from './patterns';
import { evaluate, loadTerraformModule, localModuleCalls, unknown, type TerraformModule, type Value } from './terraform-values';

export interface RetiredEngineVersion {
	/** RDS engine name as CloudFormation and Terraform write it: aurora-postgresql, postgres, aurora-mysql, ... */
	engine: string;
	version: string;
	/** `YYYY-MM-DD`: the first day without standard support. */
	endOfStandardSupport: string;
	source: string;
	note?: string;
}

export interface RetiredKubernetesVersion {
	version: string;
	endOfStandardSupport: string;
	endOfExtendedSupport?: string;
	source: string;
	note?: string;
}

export interface ReservedUsernames {
	engines: string[];
	names: string[];
	source: string;
	note?: string;
}

export interface RetiredVersionList {
	description: string;
	checked: string;
	engines: RetiredEngineVersion[];
	kubernetes: RetiredKubernetesVersion[];
	reservedUsernames: ReservedUsernames[];
}

export const retiredVersionsFile = join(iacTestsRoot, 'retired-versions.json');

export function loadRetiredVersions(file = retiredVersionsFile): RetiredVersionList {
	return JSON.parse(readFileSync(file, 'utf8')) as RetiredVersionList;
}

/** One thing a variant asks for, and where. */
export type VersionUse =
	| { kind: 'engine'; engine: string; version: string; where: string }
	| { kind: 'kubernetes'; version: string; where: string }
	| { kind: 'username'; engine: string; username: string; where: string };

/** `version` is `entry` or starts with `entry.`: "12.22" is under "12", "15.13" is not under "15.3". */
export function versionCovers(entry: string, version: string): boolean {
	return version === entry || version.startsWith(`${entry}.`);
}

export interface VersionProblem {
	use: VersionUse;
	message: string;
}

/** The uses that are past end of standard support on `today` (`YYYY-MM-DD`), or that name a reserved user. */
export function versionProblems(uses: readonly VersionUse[], list: RetiredVersionList, today: string): VersionProblem[] {
	return uses.flatMap((use): VersionProblem[] => {
		if (use.kind === 'engine') {
			const entry = list.engines.find((e) => e.engine === use.engine.toLowerCase() && versionCovers(e.version, use.version));
			return entry && entry.endOfStandardSupport <= today
				? [{ use, message: `${use.engine} ${use.version} reached end of standard support on ${entry.endOfStandardSupport} (${entry.source})` }]
				: [];
		}
		if (use.kind === 'kubernetes') {
			const entry = list.kubernetes.find((e) => versionCovers(e.version, use.version));
			return entry && entry.endOfStandardSupport <= today
				? [{ use, message: `Kubernetes ${use.version} reached end of standard support on EKS on ${entry.endOfStandardSupport} (${entry.source})` }]
				: [];
		}
		const entry = list.reservedUsernames.find(
			(e) => e.engines.includes(use.engine.toLowerCase()) && e.names.includes(use.username.toLowerCase())
		);
		return entry ? [{ use, message: `"${use.username}" is a reserved master user name for ${use.engine} (${entry.source})` }] : [];
	});
}

export function formatVersionProblems(problems: readonly VersionProblem[]): string {
	return problems.map((p) => `  ${p.use.where}: ${p.message}`).join('\n');
}

// ---------------------------------------------------------------- CloudFormation templates

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
type Parameters = Record<string, { Default?: unknown; AllowedValues?: unknown[] }>;

/** Literal strings a property can take: the value, or a parameter's default and allowed values. */
function literals(value: unknown, parameters: Parameters): string[] {
	if (typeof value === 'string' || typeof value === 'number') return [String(value)];
	const ref = typeof value === 'object' && value !== null ? (value as { Ref?: unknown }).Ref : undefined;
	if (typeof ref !== 'string' || !parameters[ref]) return [];
	return [parameters[ref].Default, ...(parameters[ref].AllowedValues ?? [])]
		.filter((v) => typeof v === 'string' || typeof v === 'number')
		.map(String);
}

function refs(node: unknown, found: string[] = []): string[] {
	if (Array.isArray(node)) node.forEach((item) => refs(item, found));
	else if (typeof node === 'object' && node !== null) {
		for (const [key, value] of Object.entries(node)) {
			if (key === 'Ref' && typeof value === 'string') found.push(value);
			else refs(value, found);
		}
	}
	return found;
}

/**
 * Master user names: a literal or parameter, or, when the name is read from a generated secret
 * (`{{resolve:secretsmanager:...}}`, as CDK's Credentials.fromGeneratedSecret writes it), the
 * `username` in that secret's SecretStringTemplate.
 */
function usernames(value: unknown, parameters: Parameters, resources: Resources): string[] {
	const direct = literals(value, parameters).filter((name) => !name.startsWith('{{resolve:'));
	if (direct.length > 0) return direct;
	return refs(value).flatMap((id) => {
		const secret = resources[id];
		if (secret?.Type !== 'AWS::SecretsManager::Secret') return [];
		const template = (secret.Properties?.['GenerateSecretString'] as { SecretStringTemplate?: unknown } | undefined)
			?.SecretStringTemplate;
		if (typeof template !== 'string') return [];
		try {
			const name = (JSON.parse(template) as { username?: unknown }).username;
			return typeof name === 'string' ? [name] : [];
		} catch {
			return [];
		}
	});
}

/** Engine versions, Kubernetes versions and user names in a template (YAML or the JSON CDK writes). */
export function versionsInTemplate(template: unknown, where: string): VersionUse[] {
	const doc = template as { Parameters?: Parameters; Resources?: Resources };
	const parameters = doc.Parameters ?? {};
	const resources = doc.Resources ?? {};
	return Object.entries(resources).flatMap(([logicalId, { Type, Properties = {} }]): VersionUse[] => {
		const at = `${where} ${logicalId}`;
		if (Type === 'AWS::EKS::Cluster') {
			return literals(Properties['Version'], parameters).map((version) => ({ kind: 'kubernetes', version, where: at }));
		}
		if (!['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance', 'AWS::RDS::GlobalCluster'].includes(Type)) return [];
		return literals(Properties['Engine'], parameters).flatMap((engine): VersionUse[] => [
			...literals(Properties['EngineVersion'], parameters).map((version) => ({ kind: 'engine' as const, engine, version, where: at })),
			...usernames(Properties['MasterUsername'], parameters, resources).map((username) => ({
				kind: 'username' as const,
				engine,
				username,
				where: at,
			})),
		]);
	});
}

/** [] for a missing template: cloudformation.test.ts reports that. */
export function versionsInCloudFormationFile(file: string): VersionUse[] {
	if (!existsSync(file)) return [];
	return versionsInTemplate(parseTemplate(readFileSync(file, 'utf8')), rel(file));
}

// ---------------------------------------------------------------- Terraform

const strings = (value: Value): string[] =>
	typeof value === 'string' || typeof value === 'number' ? [String(value)] : [];

/** Arguments per Terraform type: [engine, version, user name]; modules are read by the same names. */
const terraformDatabases: Record<string, { engine: string; version: string; username?: string }> = {
	aws_rds_cluster: { engine: 'engine', version: 'engine_version', username: 'master_username' },
	aws_db_instance: { engine: 'engine', version: 'engine_version', username: 'username' },
	aws_rds_cluster_instance: { engine: 'engine', version: 'engine_version' },
	aws_rds_global_cluster: { engine: 'engine', version: 'engine_version' },
};

function terraformBodyUses(module: TerraformModule, type: string, body: Record<string, unknown>, where: string): VersionUse[] {
	const value = (key: string) => (key in body ? evaluate(module, body[key]) : unknown);
	if (type === 'aws_eks_cluster') return strings(value('version')).map((version) => ({ kind: 'kubernetes', version, where }));
	const database = terraformDatabases[type];
	if (!database) return [];
	return strings(value(database.engine)).flatMap((engine): VersionUse[] => [
		...strings(value(database.version)).map((version) => ({ kind: 'engine' as const, engine, version, where })),
		...(database.username
			? strings(value(database.username)).map((username) => ({ kind: 'username' as const, engine, username, where }))
			: []),
	]);
}

/**
 * Versions and user names in a Terraform folder: resources, and module inputs with the same names
 * (terraform-aws-modules' rds, rds-aurora and eks modules use engine, engine_version,
 * master_username or username, and kubernetes_version or cluster_version). Variables count with
 * their default values.
 */
export async function versionsInTerraform(dir: string): Promise<VersionUse[]> {
	if (!existsSync(dir)) return [];
	const module = await loadTerraformModule(dir);
	// The local modules it calls (./modules/...) are folders of their own: read them as well.
	const children = (await Promise.all(localModuleCalls(module).map((call) => versionsInTerraform(call.dir)))).flat();
	return [...children, ...module.files.flatMap(({ file, json }) => {
		const resources = Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
			Object.entries(byName).flatMap(([name, bodies]) =>
				terraformBodyUses(module, type, (bodies[0] ?? {}) as Record<string, unknown>, `${rel(file)} ${type}.${name}`)
			)
		);
		const modules = Object.entries((json.module ?? {}) as Record<string, Array<Record<string, unknown>>>).flatMap(([name, bodies]) => {
			const body = bodies[0] ?? {};
			const where = `${rel(file)} module.${name}`;
			const kubernetes = ['kubernetes_version', 'cluster_version'].flatMap((key) =>
				key in body ? strings(evaluate(module, body[key])).map((version): VersionUse => ({ kind: 'kubernetes', version, where })) : []
			);
			const asDatabase = terraformBodyUses(module, 'aws_rds_cluster', body, where);
			const asInstance = 'username' in body ? terraformBodyUses(module, 'aws_db_instance', body, where).filter((u) => u.kind === 'username') : [];
			return [...kubernetes, ...asDatabase, ...asInstance];
		});
		return [...resources, ...modules];
	})];
}

// ---------------------------------------------------------------- CDK source

/** CDK's engine version classes, the engine each stands for, and the property with the full version. */
const cdkEngineClasses: Record<string, { engine: string; versions: Record<string, unknown>; property: string }> = {
	AuroraPostgresEngineVersion: { engine: 'aurora-postgresql', versions: rds.AuroraPostgresEngineVersion as never, property: 'auroraPostgresFullVersion' },
	AuroraMysqlEngineVersion: { engine: 'aurora-mysql', versions: rds.AuroraMysqlEngineVersion as never, property: 'auroraMysqlFullVersion' },
	PostgresEngineVersion: { engine: 'postgres', versions: rds.PostgresEngineVersion as never, property: 'postgresFullVersion' },
	MysqlEngineVersion: { engine: 'mysql', versions: rds.MysqlEngineVersion as never, property: 'mysqlFullVersion' },
	MariaDbEngineVersion: { engine: 'mariadb', versions: rds.MariaDbEngineVersion as never, property: 'mariaDbFullVersion' },
};

/**
 * Versions in CDK TypeScript: engine version constants (`AuroraPostgresEngineVersion.VER_15_3`) and
 * `KubernetesVersion.V1_28`, resolved through aws-cdk-lib so the version is the one CDK would
 * synthesize, and `.of('15.3')`. User names (`Credentials.fromGeneratedSecret('admin')`,
 * `username: 'admin'`) are checked against every engine the same folder uses.
 */
export function versionsInCdkSource(dir: string): VersionUse[] {
	const kubernetes = eks.KubernetesVersion as unknown as Record<string, { version?: unknown }>;
	const found: VersionUse[] = [];
	const names: Array<{ username: string; where: string }> = [];
	for (const file of listFiles(dir, (name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))) {
		readFileSync(file, 'utf8')
			.split('\n')
			.forEach((line, index) => {
				const where = `${rel(file)}:${index + 1}`;
				for (const [, cls, member] of line.matchAll(/\b(\w+EngineVersion)\.(VER_\w+)\b/g)) {
					const known = cdkEngineClasses[cls!];
					const version = (known?.versions[member!] as Record<string, unknown> | undefined)?.[known!.property];
					if (typeof version === 'string') found.push({ kind: 'engine', engine: known!.engine, version, where });
				}
				for (const [, cls, version] of line.matchAll(/\b(\w+EngineVersion)\.of\(\s*['"`]([^'"`]+)['"`]/g)) {
					const known = cdkEngineClasses[cls!];
					if (known) found.push({ kind: 'engine', engine: known.engine, version: version!, where });
				}
				for (const [, member] of line.matchAll(/\bKubernetesVersion\.(V\d+_\d+)\b/g)) {
					const version = kubernetes[member!]?.version;
					if (typeof version === 'string') found.push({ kind: 'kubernetes', version, where });
				}
				for (const [, version] of line.matchAll(/\bKubernetesVersion\.of\(\s*['"`]([^'"`]+)['"`]/g)) {
					found.push({ kind: 'kubernetes', version: version!, where });
				}
				for (const [, username] of line.matchAll(
					/\b(?:Credentials\.(?:fromGeneratedSecret|fromUsername|fromPassword)\(|(?:masterUsername|username)\s*:\s*)\s*['"`]([^'"`]+)['"`]/g
				)) {
					names.push({ username: username!, where });
				}
			});
	}
	const engines = [...new Set(found.flatMap((use) => (use.kind === 'engine' ? [use.engine] : [])))];
	for (const { username, where } of names) {
		for (const engine of engines) found.push({ kind: 'username', engine, username, where });
	}
	return found;
}
