// The Tab key in reading order. Dear ImGui 1.86 moves the focus with Tab only between text fields;
// a person who works by keyboard expects Tab (and Shift+Tab) to visit every control of the view
// the way they read it. Our views submit their controls row by row, left to right, so the order in
// which the ui:: widgets register here is that reading order. Tab cycles within one scope (the
// shell's view area), so it never leaves the view for the side bar. Tab in a text field of the
// cycle moves on to the next stop too, keeping what was typed.
#pragma once

namespace ui {

// Everything drawn between these two calls forms one Tab cycle. EndTabScope moves the focus when
// Tab was pressed this frame; the move takes effect when the chosen control is drawn next frame.
void BeginTabScope();
void EndTabScope();

// The last item is a stop of the Tab key. ui::Button, RadioOption, TextField, WeekGrid cells and
// the floor plan call it; a view calls it after a control of its own (a checkbox, a selectable).
void TabStop();
// Called by ui::TextField before it draws its field: when Tab chose this field, it starts editing.
void TextFieldTabFocus(const char* label);

}  // namespace ui
