/*
** lrouge.h: ROUGE-1.5.5's counting (lrouge.c), which precis.core carries
** as its table "rouge" for lua/precis/rouge.lua.
*/
#ifndef PRECIS_LROUGE_H
#define PRECIS_LROUGE_H

#include "lua.h"

/* pushes the table of functions */
int precisI_rouge_open(lua_State *L);

#endif
