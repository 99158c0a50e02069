// What every screen component is given by the registry (ui/screens/registry.tsx), besides its own data.
import type {Bindings} from '../keys.js';
import type {Theme} from '../theme.js';

export interface BaseScreenProps {
	theme: Theme;
	bindings: Bindings;
	width: number;
	height: number;
	/** False while the help overlay has the keyboard. */
	active?: boolean;
	onHelp: () => void;
}

/** A screen with fields the user types into. */
export interface FormScreenProps extends BaseScreenProps {
	/** What the fields are kept on while the help overlay is up (the route). */
	owner?: object;
}
