/** Whether a model produces embeddings (no output tokens, so no "max output"), judged by its name as providers write it. */
export function isEmbeddingModel(name: string): boolean {
  return /embed/i.test(name);
}
