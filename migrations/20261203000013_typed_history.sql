-- The page history stores typed events (JSON, see app/src/history.rs) instead
-- of finished Dutch sentences, so each reader gets them in their own
-- language. Existing lines are read back from the Dutch they were written
-- in; a line that matches no known sentence is kept word for word.
ALTER TABLE page_history ADD COLUMN event TEXT NOT NULL DEFAULT '';

UPDATE page_history SET event = CASE
    WHEN what = 'uitnodiging geaccepteerd'
        THEN json_object('event', 'invitation_accepted')
    WHEN what = 'gegevens van de zorgvrager gewijzigd'
        THEN json_object('event', 'details_changed')
    WHEN what = 'foto gewijzigd'
        THEN json_object('event', 'photo_changed')
    WHEN what = 'foto verwijderd'
        THEN json_object('event', 'photo_removed')
    WHEN what LIKE 'uitnodiging aan % ingetrokken'
        THEN json_object('event', 'invitation_withdrawn',
                         'email', substr(what, 17, length(what) - 16 - 12))
    WHEN what LIKE 'uitnodiging aan % als %'
         AND substr(what, instr(what, ' als ') + 5) IN ('helpende', 'vertrouwensgroep', 'beheerder')
        THEN json_object('event', 'invited',
                         'email', substr(what, 17, instr(what, ' als ') - 17),
                         'role', CASE substr(what, instr(what, ' als ') + 5)
                                     WHEN 'helpende' THEN 'Helper'
                                     WHEN 'vertrouwensgroep' THEN 'Trusted'
                                     ELSE 'Admin' END)
    WHEN what LIKE 'rol van % gewijzigd in %'
         AND substr(what, instr(what, ' gewijzigd in ') + 14) IN ('helpende', 'vertrouwensgroep', 'beheerder')
        THEN json_object('event', 'role_changed',
                         'name', substr(what, 9, instr(what, ' gewijzigd in ') - 9),
                         'role', CASE substr(what, instr(what, ' gewijzigd in ') + 14)
                                     WHEN 'helpende' THEN 'Helper'
                                     WHEN 'vertrouwensgroep' THEN 'Trusted'
                                     ELSE 'Admin' END)
    WHEN what LIKE '% heeft geen toegang meer'
        THEN json_object('event', 'access_removed', 'name', substr(what, 1, length(what) - 24))
    WHEN what LIKE '% heeft de pagina verlaten'
        THEN json_object('event', 'left', 'name', substr(what, 1, length(what) - 25))
    WHEN what LIKE 'beheer overgedragen aan %'
        THEN json_object('event', 'handed_over', 'name', substr(what, 25))
    ELSE json_object('event', 'unread', 'text', what)
END;

ALTER TABLE page_history DROP COLUMN what;
