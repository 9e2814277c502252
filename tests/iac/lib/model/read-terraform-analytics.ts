/**
 * The Terraform side of facts-analytics.ts: the arguments of Firehose streams (Amazon S3
 * destination with format conversion), Glue Data Catalog databases and tables, and Athena
 * workgroups, under the CloudFormation property names the facts read. read-terraform.ts adds these
 * entries to its `propertyMaps`.
 *
 * A block Terraform writes as a list of one becomes the object CloudFormation has. Where the AWS
 * provider sets a default of its own when an argument is left out, the translation writes that
 * default, so facts-analytics.ts compares what each tool deploys.
 */
import type { HclValue } from './hcl';
import type { Json } from '../../../../src/lib/iac/model';
import { type Body, type Mapped, block, first } from './terraform-body';

const json = (value: HclValue | undefined): Json => (value ?? null) as Json;

/** Firehose's input and output SerDes: a block that is present, even empty, chooses that SerDe. */
function serDes(body: Body | undefined, names: Record<string, string>, settings: (b: Body) => Record<string, Json> = () => ({})): Record<string, Json> {
	return Object.fromEntries(Object.entries(names).flatMap(([from, to]) => (first(body, from) ? [[to, settings(first(body, from)!)]] : [])));
}

function extendedS3(s3: Body | undefined): Json | undefined {
	if (!s3) return undefined;
	const conversion = first(s3, 'data_format_conversion_configuration');
	const logging = first(s3, 'cloudwatch_logging_options');
	const schema = first(conversion, 'schema_configuration');
	return {
		BucketARN: json(s3['bucket_arn']),
		RoleARN: json(s3['role_arn']),
		Prefix: json(s3['prefix']),
		ErrorOutputPrefix: json(s3['error_output_prefix']),
		// The provider's defaults when left out, which are also the API's (300 s, 5 MiB, UNCOMPRESSED).
		BufferingHints: { IntervalInSeconds: json(s3['buffering_interval'] ?? 300), SizeInMBs: json(s3['buffering_size'] ?? 5) },
		CompressionFormat: json(s3['compression_format'] ?? 'UNCOMPRESSED'),
		CloudWatchLoggingOptions: logging
			? { Enabled: json(logging['enabled'] ?? false), LogGroupName: json(logging['log_group_name']), LogStreamName: json(logging['log_stream_name']) }
			: null,
		DataFormatConversionConfiguration: conversion
			? {
					Enabled: json(conversion['enabled'] ?? true),
					InputFormatConfiguration: {
						Deserializer: serDes(first(first(conversion, 'input_format_configuration'), 'deserializer'), { open_x_json_ser_de: 'OpenXJsonSerDe', hive_json_ser_de: 'HiveJsonSerDe' }),
					},
					OutputFormatConfiguration: {
						Serializer: serDes(first(first(conversion, 'output_format_configuration'), 'serializer'), { parquet_ser_de: 'ParquetSerDe', orc_ser_de: 'OrcSerDe' }, (b) =>
							b['compression'] === undefined ? {} : { Compression: json(b['compression']) }
						),
					},
					SchemaConfiguration: schema
						? { DatabaseName: json(schema['database_name']), TableName: json(schema['table_name']), RoleARN: json(schema['role_arn']), VersionId: json(schema['version_id'] ?? 'LATEST') }
						: null,
				}
			: null,
	};
}

const column = (c: Body): Json => ({ Name: json(c['name']), Type: json(c['type']) });

export const analyticsPropertyMaps: Record<string, (body: Body) => Mapped> = {
	aws_kinesis_firehose_delivery_stream: (b) => {
		const encryption = first(b, 'server_side_encryption');
		return {
			props: {
				// Terraform has no source type argument: a source block makes the stream read from
				// Kinesis Data Streams or Amazon MSK, and without one producers write to it (Direct PUT).
				DeliveryStreamType: first(b, 'kinesis_source_configuration') ? 'KinesisStreamAsSource' : first(b, 'msk_source_configuration') ? 'MSKAsSource' : 'DirectPut',
				DeliveryStreamEncryptionConfigurationInput:
					encryption && encryption['enabled'] === true ? { KeyType: json(encryption['key_type'] ?? 'AWS_OWNED_CMK'), KeyARN: json(encryption['key_arn']) } : undefined,
				ExtendedS3DestinationConfiguration: b['destination'] === 'extended_s3' ? extendedS3(first(b, 'extended_s3_configuration')) : undefined,
			},
		};
	},
	aws_glue_catalog_database: (b) => ({ props: { DatabaseInput: { Name: json(b['name']) } } }),
	aws_glue_catalog_table: (b) => {
		const storage = first(b, 'storage_descriptor');
		const serde = first(storage, 'ser_de_info');
		return {
			props: {
				DatabaseName: json(b['database_name']),
				TableInput: {
					Name: json(b['name']),
					TableType: json(b['table_type']),
					Parameters: json(b['parameters']),
					PartitionKeys: block(b, 'partition_keys').map(column),
					StorageDescriptor: storage
						? {
								Columns: block(storage, 'columns').map(column),
								Location: json(storage['location']),
								InputFormat: json(storage['input_format']),
								OutputFormat: json(storage['output_format']),
								SerdeInfo: serde ? { SerializationLibrary: json(serde['serialization_library']) } : null,
							}
						: null,
				},
			},
		};
	},
	aws_athena_workgroup: (b) => {
		const config = first(b, 'configuration');
		const results = first(config, 'result_configuration');
		const encryption = first(results, 'encryption_configuration');
		const engine = first(config, 'engine_version');
		return {
			props: {
				Name: json(b['name']),
				State: json(b['state'] ?? 'ENABLED'),
				// force_destroy deletes the workgroup with its named queries, as RecursiveDeleteOption does.
				RecursiveDeleteOption: json(b['force_destroy'] ?? false),
				WorkGroupConfiguration: config
					? {
							// The provider enforces the workgroup's settings and publishes metrics unless told not to.
							EnforceWorkGroupConfiguration: json(config['enforce_workgroup_configuration'] ?? true),
							PublishCloudWatchMetricsEnabled: json(config['publish_cloudwatch_metrics_enabled'] ?? true),
							BytesScannedCutoffPerQuery: json(config['bytes_scanned_cutoff_per_query']),
							EngineVersion: engine ? { SelectedEngineVersion: json(engine['selected_engine_version'] ?? 'AUTO') } : null,
							ResultConfiguration: results
								? {
										OutputLocation: json(results['output_location']),
										EncryptionConfiguration: encryption ? { EncryptionOption: json(encryption['encryption_option']), KmsKey: json(encryption['kms_key_arn']) } : null,
									}
								: null,
						}
					: undefined,
			},
		};
	},
};
