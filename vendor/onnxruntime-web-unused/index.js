throw new Error('onnxruntime-web is not installed: transformers.js runs on the server here (onnxruntime-node)')
