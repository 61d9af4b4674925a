// Generated from scenario.schema.json by scripts/generate-validators.ts. Do not edit:
// change the schema and run `npx -y pnpm@10.34.8 --filter @defuse/schemas gen`.
export interface GeneratedValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  propertyName?: string;
  message?: string;
}

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: GeneratedValidationError[] | null;
}

export declare const validate: GeneratedValidator;
export default validate;
