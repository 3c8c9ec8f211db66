import type {Backend} from './backend/backend.js';

/** A trainable array and the gradient of the loss with respect to it, same shape. */
export interface Parameter {
	readonly value: Float32Array;
	readonly grad: Float32Array;
	/** Where value and grad live: optimizers keep their state there and use its updates. */
	readonly backend: Backend;
}

/**
 * One step of the network. `forward` keeps what `backward` needs; buffers
 * are owned by the layer and reused from batch to batch.
 */
export interface Layer {
	/** x: [batch, inputs] -> [batch, outputs] */
	forward(input: Float32Array, batch: number): Float32Array;
	/**
	 * d(loss)/d(output): [batch, outputs] -> d(loss)/d(input): [batch, inputs]; adds to parameter
	 * gradients, or with `replace` writes over them (a step's first batch: no clearing beforehand)
	 */
	backward(outputGrad: Float32Array, batch: number, replace?: boolean): Float32Array;
	parameters(): readonly Parameter[];
}
