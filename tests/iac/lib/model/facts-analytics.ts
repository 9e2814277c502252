/**
 * Facts of the analytics building blocks, in the words of facts.ts: how an Amazon Data Firehose
 * stream buffers, converts, encrypts and logs what it delivers to Amazon S3, which columns, storage
 * and partition projection an AWS Glue Data Catalog table declares, and whether an Amazon Athena
 * workgroup enforces its encrypted results location and caps what a query scans. facts.ts adds them
 * to every model, so a variant with another buffer, a missing conversion, a different column or a
 * workgroup that clients can override shows as a difference.
 *
 * Each reads CloudFormation's property names (read-terraform.ts maps Terraform's arguments to them)
 * and applies the API's documented default where a property is left out; where the default is not
 * known here, the fact says "not set", so a value written in one variant and left out in another
 * still shows.
 */
import { dependenciesOf, list, resourcesOfType, target, type Json, type Model, type ModelResource } from '../../../../src/lib/iac/model';
import { attachedPolicies, canonical, type Fact } from './facts';
import { type Props, object } from './fact-values';

const isTrue = (value: Json | undefined) => value === true || value === 'true';
const isFalse = (value: Json | undefined) => value === false || value === 'false';
const setting = (value: Json | undefined, on: string, off: string) => (isTrue(value) ? on : isFalse(value) ? off : `${off} (not set)`);

/**
 * The resource of `type` a value names: a reference to it, or, where Terraform put the resource's
 * own name argument in place of the reference (`aws_glue_catalog_table.x.name` reads as "events"),
 * the resource of that type with that name.
 */
function named(model: Model, type: string, value: Json | undefined, nameOf: (r: ModelResource) => Json | undefined): ModelResource | undefined {
	const direct = target(model, value);
	if (direct) return direct.type === type ? direct : undefined;
	if (value === undefined || value === null) return undefined;
	return resourcesOfType(model, type).find((r) => nameOf(r) === value);
}

const tableName = (r: ModelResource) => object(r.props['TableInput'])['Name'];
const logGroupName = (r: ModelResource) => r.props['LogGroupName'];

/**
 * Firehose's defaults for an Amazon S3 destination, from the API reference: BufferingHints 300 s and
 * 5 MiB, CompressionFormat UNCOMPRESSED, and Snappy inside Parquet. Terraform's provider has the same.
 */
const firehoseDefaults = { IntervalInSeconds: 300, SizeInMBs: 5, CompressionFormat: 'UNCOMPRESSED', ParquetCompression: 'SNAPPY' };

function deliveryStreamFacts(model: Model, stream: ModelResource): Fact[] {
	const facts: Fact[] = [];
	const add = (kind: string, text: string) => facts.push({ kind, text, source: stream.id });
	const p = stream.props;
	const encryption = p['DeliveryStreamEncryptionConfigurationInput'] as Props | undefined | null;
	const key = encryption
		? encryption['KeyType'] === 'CUSTOMER_MANAGED_CMK'
			? `encrypted with the customer managed key ${canonical(model, encryption['KeyARN'])}`
			: 'encrypted with an AWS owned key'
		: 'not encrypted while Firehose holds the records';
	add('delivery', `Firehose stream: ${p['DeliveryStreamType'] ?? 'DirectPut'} source, ${key}`);

	const s3 = p['ExtendedS3DestinationConfiguration'] as Props | undefined | null;
	if (!s3) {
		add('delivery', 'Firehose stream: a destination other than Amazon S3 with the extended configuration, which facts-analytics.ts does not read yet');
		return facts;
	}
	const hints = object(s3['BufferingHints']);
	add(
		'size',
		`Firehose stream to S3: writes a file every ${hints['IntervalInSeconds'] ?? firehoseDefaults.IntervalInSeconds} s or ${hints['SizeInMBs'] ?? firehoseDefaults.SizeInMBs} MiB, whichever comes first, compression ${s3['CompressionFormat'] ?? firehoseDefaults.CompressionFormat}`
	);
	add(
		'delivery',
		`Firehose stream to ${canonical(model, s3['BucketARN'])}: records under ${s3['Prefix'] ?? 'YYYY/MM/dd/HH/ (the default)'}, failed records under ${s3['ErrorOutputPrefix'] ?? 'the default error prefix'}`
	);

	const conversion = s3['DataFormatConversionConfiguration'] as Props | undefined | null;
	if (conversion && !isFalse(conversion['Enabled'])) {
		const deserializer = Object.keys(object(object(conversion['InputFormatConfiguration'])['Deserializer'])).sort().join(', ') || 'no deserializer';
		const serializer = object(object(conversion['OutputFormatConfiguration'])['Serializer']);
		const output = [
			...(serializer['ParquetSerDe'] !== undefined ? [`Parquet (${object(serializer['ParquetSerDe'])['Compression'] ?? firehoseDefaults.ParquetCompression})`] : []),
			...(serializer['OrcSerDe'] !== undefined ? [`ORC (${object(serializer['OrcSerDe'])['Compression'] ?? 'SNAPPY'})`] : []),
		].join(', ') || 'no serializer';
		const schema = object(conversion['SchemaConfiguration']);
		const table = named(model, 'AWS::Glue::Table', schema['TableName'], tableName);
		add(
			'delivery',
			`Firehose stream converts JSON (${deserializer}) to ${output} with the schema of ${table ? `Glue table ${tableName(table)}` : `${canonical(model, schema['TableName'])}, a table outside the pattern`}, version ${schema['VersionId'] ?? 'LATEST'}`
		);
	} else {
		add('delivery', 'Firehose stream delivers records as they arrive, without format conversion');
	}

	const logging = object(s3['CloudWatchLoggingOptions']);
	if (isTrue(logging['Enabled'])) {
		const group = named(model, 'AWS::Logs::LogGroup', logging['LogGroupName'], logGroupName);
		const retention = group?.props['RetentionInDays'];
		add('logs', `Firehose stream logs delivery errors to ${group ? `a log group kept ${retention ?? 'forever'}${retention ? ' days' : ''}` : `${canonical(model, logging['LogGroupName'])}, a log group outside the pattern`}`);
	} else {
		add('logs', 'Firehose stream does not log delivery errors');
	}

	// Firehose assumes the role as soon as the stream exists: its policies must be in place first.
	const role = target(model, s3['RoleARN']);
	if (role) {
		const before = dependenciesOf(model, stream.id);
		const policies = attachedPolicies(model, role.id);
		const missing = policies.filter((policy) => !before.has(policy.id));
		add('order', `Firehose stream is created ${missing.length ? 'before' : 'after'} all ${policies.length} separate policies of its role`);
	}
	return facts;
}

function glueTableFacts(model: Model, table: ModelResource): Fact[] {
	const input = object(table.props['TableInput']);
	const storage = object(input['StorageDescriptor']);
	const columns = (value: Json | undefined) => (list(value) as Props[]).map((c) => `${c['Name']} ${c['Type'] ?? '(no type)'}`).join(', ');
	const label = `Glue table ${input['Name'] ?? '(no name)'}`;
	const partitions = columns(input['PartitionKeys']);
	const serde = object(storage['SerdeInfo'])['SerializationLibrary'];
	const facts: Fact[] = [
		{ kind: 'data', text: `${label}: ${input['TableType'] ?? 'no table type'}, columns ${columns(storage['Columns']) || 'none'}${partitions ? `, partitioned by ${partitions}` : ''}`, source: table.id },
		{
			kind: 'data',
			text: `${label}: files at ${canonical(model, storage['Location'])}, input ${storage['InputFormat'] ?? 'not set'}, output ${storage['OutputFormat'] ?? 'not set'}, read with ${serde ?? 'no SerDe'}`,
			source: table.id,
		},
	];
	// Table parameters carry partition projection (projection.*, storage.location.template): Athena
	// computes partitions from them, so each one changes which files a query reads.
	for (const [key, value] of Object.entries(object(input['Parameters'])).sort(([a], [b]) => a.localeCompare(b))) {
		facts.push({ kind: 'data', text: `${label}: ${key} = ${canonical(model, value)}`, source: table.id });
	}
	return facts;
}

function workGroupFacts(model: Model, workGroup: ModelResource): Fact[] {
	const p = workGroup.props;
	const config = object(p['WorkGroupConfiguration']);
	const results = object(config['ResultConfiguration']);
	const encryption = config['ResultConfiguration'] !== undefined ? (results['EncryptionConfiguration'] as Props | undefined | null) : undefined;
	const encrypted = encryption
		? `encrypted with ${encryption['EncryptionOption']}${encryption['KmsKey'] ? ` key ${canonical(model, encryption['KmsKey'])}` : ''}`
		: 'not encrypted';
	const cutoff = config['BytesScannedCutoffPerQuery'];
	return [
		{
			kind: 'query',
			text: `Athena workgroup: ${setting(config['EnforceWorkGroupConfiguration'], 'enforces its settings on every query', 'lets clients override its settings')}, results to ${results['OutputLocation'] ? canonical(model, results['OutputLocation']) : 'no location'} ${encrypted}`,
			source: workGroup.id,
		},
		{ kind: 'size', text: `Athena workgroup: ${cutoff ? `cancels a query after ${cutoff} bytes scanned` : 'no limit on the bytes a query scans'}`, source: workGroup.id },
		{
			kind: 'query',
			text: `Athena workgroup: engine ${object(config['EngineVersion'])['SelectedEngineVersion'] ?? 'AUTO'}, ${setting(config['PublishCloudWatchMetricsEnabled'], 'publishes', 'does not publish')} CloudWatch metrics, state ${p['State'] ?? 'ENABLED'}`,
			source: workGroup.id,
		},
		{ kind: 'deletion', text: `Athena workgroup: ${isTrue(p['RecursiveDeleteOption']) ? 'deleted with its saved queries' : 'not deleted while it holds saved queries'}`, source: workGroup.id },
	];
}

/** Every analytics fact of a model: Firehose streams, Glue tables and Athena workgroups. */
export function analyticsFacts(model: Model): Fact[] {
	return [
		...resourcesOfType(model, 'AWS::KinesisFirehose::DeliveryStream').flatMap((r) => deliveryStreamFacts(model, r)),
		...resourcesOfType(model, 'AWS::Glue::Table').flatMap((r) => glueTableFacts(model, r)),
		...resourcesOfType(model, 'AWS::Athena::WorkGroup').flatMap((r) => workGroupFacts(model, r)),
	];
}
