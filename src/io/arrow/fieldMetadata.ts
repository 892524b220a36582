/** Field metadata key: why a source inferred a column's type (quoted in plan errors). */
export const INFERENCE_NOTE = 'flow.inference';
