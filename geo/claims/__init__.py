"""The claim stage: who claims what was hit where, sentence by sentence.

:mod:`.screen` (may a text or a sentence claim at all) -> :mod:`.attribution` and
:mod:`.sources` (who speaks) -> :mod:`.roles` (what each place does) -> :mod:`.targets`
(what was hit, by whom) -> :mod:`.extract` (a sentence's steps, the extractor) ->
:class:`.model.Claim`. Every decision is a named rule (:mod:`.rules`); ``strikemap
explain`` (:mod:`.explain`) shows which fired.
"""
