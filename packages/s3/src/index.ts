// @dx-compat/s3: `Bun.S3Client` on @aws-sdk/client-s3.
// Nothing is implemented yet, so nothing is exported (see README.md).
export {};
