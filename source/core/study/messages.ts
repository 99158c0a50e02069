// Anki's own messages for deck, filtered-deck and custom-study refusals (ftl/core/errors.ftl,
// decks.ftl, custom-study.ftl, scheduling.ftl), shown as they are.
export const StudyMessage = {
	FilteredParent: 'Filtered decks can not have child decks.',
	FilteredRequired: 'This action can only be used on a filtered deck.',
	SearchReturnedNoCards:
		'No cards matched the provided search. Some cards may have been excluded because they are in a different filtered deck, or suspended.',
	CustomStudyNoCards: 'No cards matched the criteria you provided.',
	CustomStudyExistingDeck: 'Please rename the existing Custom Study deck first.',
	CustomStudyFilteredSource: 'Custom study needs a normal deck; this one is a filtered deck.',
	/** Anki 2.1's warning (aqt/deckbrowser.py). */
	DefaultDeck: "The default deck can't be deleted.",
	UpgradeRequired: 'Your collection needs to be upgraded to the V2 scheduler.',
} as const;
