import type {OptimizerName} from '../../nn/optim/optimizer.js';
import {glyphsFor} from '../../text/glyphs.js';
import {formatSetting, momentumName} from '../../train/controls.js';
import type {ControlChange} from '../../train/events.js';

/** "lr 0.05 → 0.025 from epoch 3, batch 412", "β1 0.9 → 0.95 from epoch 4, batch 1" (Adam's momentum; "beta1", "->" in ASCII). */
export function controlText(change: ControlChange, optimizer: OptimizerName, ascii: boolean): {text: string; short: string} {
	const name = change.setting === 'learningRate' ? 'lr' : momentumName(optimizer, ascii);
	const values = `${name} ${formatSetting(change.from)} ${glyphsFor(ascii).arrow} ${formatSetting(change.to)}`;
	return {text: `${values} from epoch ${change.epoch}, batch ${change.step}`, short: values};
}
