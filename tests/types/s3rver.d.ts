/** The few members of s3rver (no types of its own) the S3 storage tests use. */
declare module 's3rver' {
  interface OptionsS3rver {
    address?: string
    port?: number
    silent?: boolean
    directory: string
    resetOnClose?: boolean
    allowMismatchedSignatures?: boolean
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[]
  }
  export default class S3rver {
    constructor(options: OptionsS3rver)
    run(): Promise<{ address: string; port: number; family: string }>
    close(): Promise<void>
  }
}
