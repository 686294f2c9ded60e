"""Speed, behind one door: worker processes, the parse cache, the no-change and text-edit shortcuts.

The recipe, the model, the stages and the theme do not know this package exists."""
