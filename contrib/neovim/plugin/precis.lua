-- precis for Neovim: defines :Summarize and :SummarizeClear (see
-- lua/precis_nvim/init.lua, and README.md for the set-up).
if vim.g.loaded_precis then return end
vim.g.loaded_precis = true
require("precis_nvim").commands()
