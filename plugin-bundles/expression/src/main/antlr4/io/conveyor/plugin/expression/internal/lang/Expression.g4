// The expression language of filter.apply and map.apply: a small SQL-like language.
// One rule per precedence level, loosest first, so that the tree is the precedence
// (the bounds of BETWEEN are parsed above AND, so "x between 1 and 2 and y" means what it says).
grammar Expression;

options { caseInsensitive = true; }

parse : expression EOF ;

expression : orExpr ;

orExpr : andExpr (OR andExpr)* ;

andExpr : notExpr (AND notExpr)* ;

notExpr
    : NOT notExpr
    | isExpr
    ;

isExpr : comparison (IS NOT? NULL)* ;

comparison : predicate (compareOperator predicate)* ;

compareOperator : EQ | EQEQ | NEQ | LTGT | LT | LE | GT | GE ;

predicate
    : concat NOT? IN LPAREN expression (COMMA expression)* RPAREN   # inPredicate
    | concat NOT? op=(LIKE | ILIKE) concat                             # likePredicate
    | concat NOT? BETWEEN concat AND concat                            # betweenPredicate
    | concat                                                           # plainPredicate
    ;

concat : additive (CONCAT additive)* ;

additive : multiplicative (additiveOperator multiplicative)* ;

additiveOperator : PLUS | MINUS ;

multiplicative : unary (multiplicativeOperator unary)* ;

multiplicativeOperator : STAR | SLASH | PERCENT ;

unary
    : op=(MINUS | PLUS) unary
    | postfix
    ;

postfix : primary (DOUBLE_COLON typeName)* ;

primary
    : literal                                                                      # literalPrimary
    | CASE (WHEN expression THEN expression)+ (ELSE expression)? END               # searchedCase
    | CASE expression (WHEN expression THEN expression)+ (ELSE expression)? END    # simpleCase
    | op=(CAST | TRY_CAST) LPAREN expression AS typeName RPAREN                    # castPrimary
    | identifier LPAREN (expression (COMMA expression)*)? RPAREN                   # callPrimary
    | identifier                                                                   # columnPrimary
    | LPAREN expression RPAREN                                                     # parenPrimary
    ;

typeName : identifier ;

literal : INTEGER | DECIMAL | STRING | TRUE | FALSE | NULL ;

identifier : IDENTIFIER | QUOTED_IDENTIFIER | BACKTICK_IDENTIFIER ;

AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;
IN : 'in' ;
IS : 'is' ;
NULL : 'null' ;
LIKE : 'like' ;
ILIKE : 'ilike' ;
BETWEEN : 'between' ;
CASE : 'case' ;
WHEN : 'when' ;
THEN : 'then' ;
ELSE : 'else' ;
END : 'end' ;
CAST : 'cast' ;
TRY_CAST : 'try_cast' ;
AS : 'as' ;
TRUE : 'true' ;
FALSE : 'false' ;

EQEQ : '==' ;
EQ : '=' ;
NEQ : '!=' ;
LTGT : '<>' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
CONCAT : '||' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA : ',' ;
DOUBLE_COLON : '::' ;

INTEGER : DIGIT+ ;
DECIMAL
    : DIGIT+ '.' DIGIT* EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;

STRING : '\'' (~'\'' | '\'\'')* '\'' ;
QUOTED_IDENTIFIER : '"' (~'"' | '""')* '"' ;
BACKTICK_IDENTIFIER : '`' (~'`' | '``')* '`' ;

// A quote never closed: the longest match wins, so these only match when the closed form cannot.
UNCLOSED_STRING : '\'' (~'\'' | '\'\'')* ;
UNCLOSED_QUOTED_IDENTIFIER : '"' (~'"' | '""')* ;
UNCLOSED_BACKTICK_IDENTIFIER : '`' (~'`' | '``')* ;

IDENTIFIER : [\p{L}_] [\p{L}\p{N}_]* ;

WHITESPACE : [ \t\r\n\f]+ -> skip ;

// Anything else is one token of its own, so the parser reports it where it is.
UNEXPECTED_CHARACTER : . ;

fragment DIGIT : [0-9] ;
fragment EXPONENT : 'e' [+-]? DIGIT+ ;
