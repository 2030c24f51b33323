"""The torch modules: the network (`network.SentimentNet`), embeddings, encoders, the fused CPU kernel,
pooling, the linear heads, and a batch on the device (`batch.TorchBatch`)."""
