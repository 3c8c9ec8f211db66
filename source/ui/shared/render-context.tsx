import {createContext, type ReactNode, useContext} from 'react';
import {type RenderSettings, renderSettings} from './render-settings.js';
// every Ink root draws through the output stage that keeps what did not change between frames
import './ink-output.js';

const RenderContext = createContext<RenderSettings>(renderSettings(false, true));

/** Every view below draws with these settings: a root puts it around the app. */
export function RenderProvider({settings, children}: {readonly settings: RenderSettings; readonly children: ReactNode}) {
	return <RenderContext.Provider value={settings}>{children}</RenderContext.Provider>;
}

/** ASCII or Unicode, colour or not, and the glyphs: what a view reads instead of being handed them. */
export const useRenderSettings = (): RenderSettings => useContext(RenderContext);
