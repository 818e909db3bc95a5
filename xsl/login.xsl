<?xml version="1.0" encoding="UTF-8"?>
<!--
  login.xsl: the pages of the login program (证书登录).
  Views: login (用户名/密码 under the client certificate), password
  (forced change of the initial password), locked (too many failures),
  resume (a form kept when the session ended, to confirm).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- The login form (layout.xsl's login-box), or the unbound-certificate
       notice when <cert> is absent. -->
  <xsl:template match="page[@view = 'login']" mode="content">
    <xsl:call-template name="login-box"/>
  </xsl:template>

  <!-- The forced change of the initial password. -->
  <xsl:template match="page[@view = 'password']" mode="content">
    <section class="login-box">
      <h1>修改初始密码</h1>
      <p class="note">为了您的账户安全,首次登录请修改初始密码。新密码至少8位,须包含字母和数字。</p>
      <xsl:call-template name="required-note"/>
      <form method="post" action="/login/password" class="form" autocomplete="off">
        <xsl:call-template name="csrf"/>
        <table class="form-grid">
          <tr>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">原密码</xsl:with-param>
              <xsl:with-param name="name">old</xsl:with-param>
              <xsl:with-param name="type">password</xsl:with-param>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength">128</xsl:with-param>
              <xsl:with-param name="autocomplete">current-password</xsl:with-param>
            </xsl:call-template>
          </tr>
          <tr>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">新密码</xsl:with-param>
              <xsl:with-param name="name">pw</xsl:with-param>
              <xsl:with-param name="type">password</xsl:with-param>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength">128</xsl:with-param>
              <xsl:with-param name="autocomplete">new-password</xsl:with-param>
            </xsl:call-template>
          </tr>
          <tr>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">确认新密码</xsl:with-param>
              <xsl:with-param name="name">pw2</xsl:with-param>
              <xsl:with-param name="type">password</xsl:with-param>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength">128</xsl:with-param>
              <xsl:with-param name="autocomplete">new-password</xsl:with-param>
            </xsl:call-template>
          </tr>
        </table>
        <p class="buttons">
          <button type="reset" class="btn">重置</button>
          <button type="submit" class="btn btn-primary">确认修改</button>
        </p>
      </form>
    </section>
  </xsl:template>

  <!-- The form kept when the session ended (<kept action= multipart=
       business= created= until=> with <field name= value= shown=> and
       <file name= filename=>), offered again for the clerk to confirm:
       the values in a list, the fields hidden in a form posting to
       where the clerk posted before, with this session's CSRF token;
       each file chosen again. -->
  <xsl:template match="page[@view = 'resume']" mode="content">
    <section class="resume">
      <h1>继续提交</h1>
      <p class="note">
        <xsl:text>登录超时前您</xsl:text>
        <xsl:if test="kept/@business != ''">
          <xsl:text>在“</xsl:text><xsl:value-of select="kept/@business"/><xsl:text>”</xsl:text>
        </xsl:if>
        <xsl:text>填写的内容已保留(</xsl:text>
        <xsl:value-of select="kept/@created"/>
        <xsl:text>,保留至 </xsl:text>
        <xsl:value-of select="kept/@until"/>
        <xsl:text>)。请核对后点击“继续提交”;如不再需要,请点击“放弃”。</xsl:text>
      </p>
      <xsl:variable name="shown" select="kept/field[not(@shown = '0') and normalize-space(@value) != '']"/>
      <xsl:if test="$shown">
        <table class="grid kept-values">
          <caption>您填写的内容</caption>
          <tbody>
            <xsl:for-each select="$shown">
              <tr><td><xsl:value-of select="@value"/></td></tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
      <form method="post" action="{kept/@action}" class="form resume-form">
        <xsl:if test="kept/@multipart = '1'">
          <xsl:attribute name="enctype">multipart/form-data</xsl:attribute>
        </xsl:if>
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="hall_kept" value="{kept/@id}"/>
        <xsl:for-each select="kept/field">
          <input type="hidden" name="{@name}" value="{@value}"/>
        </xsl:for-each>
        <xsl:if test="kept/file">
          <div class="msg msg-warn" role="status">所选的附件文件未保留,请重新选择后再继续提交。</div>
          <table class="form-grid">
            <xsl:for-each select="kept/file">
              <tr>
                <th>
                  <label for="kept-file-{position()}">
                    <xsl:text>附件</xsl:text>
                    <xsl:if test="@filename != ''">
                      <xsl:text>(原选择: </xsl:text><xsl:value-of select="@filename"/><xsl:text>)</xsl:text>
                    </xsl:if>
                  </label>
                </th>
                <td><input type="file" id="kept-file-{position()}" name="{@name}" required="required"/></td>
              </tr>
            </xsl:for-each>
          </table>
        </xsl:if>
        <p class="buttons">
          <button type="submit" class="btn btn-primary">继续提交</button>
        </p>
      </form>
      <form method="post" action="/login/discard" class="form discard-form">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="id" value="{kept/@id}"/>
        <p class="buttons"><button type="submit" class="btn">放弃</button></p>
      </form>
    </section>
  </xsl:template>

  <!-- The account is locked until locked/@until. -->
  <xsl:template match="page[@view = 'locked']" mode="content">
    <section class="login-box">
      <h1>账户已锁定</h1>
      <div class="msg msg-error" role="alert">
        <xsl:text>因连续5次密码错误,账户已锁定,请于 </xsl:text>
        <strong><xsl:value-of select="locked/@until"/></strong>
        <xsl:text> 后再试,或联系经办机构重置密码。</xsl:text>
      </div>
      <p class="actions"><a class="btn" href="/login">返回登录页</a></p>
    </section>
  </xsl:template>

</xsl:stylesheet>
