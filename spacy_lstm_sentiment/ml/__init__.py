"""The model: the registered architecture, the thinc model (`classifier`), the torch shim, the model file
(`serialization`), host-side featurization (`featurize/`) and the torch modules (`nn/`)."""
