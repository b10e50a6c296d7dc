/**
 * Text typed into the generic tool form, read as the value the property's JSON schema declares
 * (hub-api.md §2.5). Pure, so the rules are tested without VS Code.
 */
import { type JsonSchema } from '../../protocol/hubApi';
import { declaredType } from '../client/adapt';
import { asObject, parseJson } from '../client/json';

/** The typed value of text for a property, or a message saying what is wrong with it. */
export function valueOf(text: string, schema: JsonSchema): { value: unknown } | { problem: string } {
  const type = declaredType(schema);
  const trimmed = text.trim();
  switch (type) {
    case 'integer':
    case 'number': {
      const n = Number(trimmed);
      if (trimmed === '' || !Number.isFinite(n)) return { problem: `Expected ${type === 'integer' ? 'an integer' : 'a number'}` };
      if (type === 'integer' && !Number.isInteger(n)) return { problem: 'Expected an integer' };
      const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
      const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
      if (min !== undefined && n < min) return { problem: `At least ${min}` };
      if (max !== undefined && n > max) return { problem: `At most ${max}` };
      return { value: n };
    }
    case 'array': {
      if (trimmed.startsWith('[')) {
        const parsed = parseJson(trimmed);
        return parsed.ok && Array.isArray(parsed.value) ? { value: parsed.value } : { problem: 'Expected a JSON array or comma-separated values' };
      }
      return { value: trimmed === '' ? [] : trimmed.split(',').map((s) => s.trim()).filter((s) => s !== '') };
    }
    case 'object': {
      const parsed = parseJson(trimmed || '{}');
      return parsed.ok && asObject(parsed.value) ? { value: parsed.value } : { problem: 'Expected a JSON object, e.g. {"app": "payment"}' };
    }
    case 'boolean':
      return trimmed === 'true' || trimmed === 'false' ? { value: trimmed === 'true' } : { problem: 'Expected true or false' };
    default:
      return { value: text };
  }
}
